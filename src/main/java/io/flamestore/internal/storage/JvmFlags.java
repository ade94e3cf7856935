package io.flamestore.internal.storage;

/** Turns the errors a JVM without the required flags gives into one that lists them. */
final class JvmFlags {
    static final String REQUIRED = String.join(" ",
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-Dchronicle.analytics.disable=true",
            "-Dchronicle.announcer.disable=true");

    private JvmFlags() {
    }

    static IllegalStateException missing(Throwable cause) {
        return new IllegalStateException("Chronicle Map cannot run in this JVM (" + cause
                + "). Start the JVM with: " + REQUIRED, cause);
    }
}
