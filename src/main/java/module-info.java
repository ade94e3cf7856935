/**
 * Flamestore: an embeddable store for continuous-profiling data. Only {@code io.flamestore} is API;
 * the {@code io.flamestore.internal} packages may change in any release. Agrona and Chronicle Map
 * ship without module descriptors, hence the automatic-module warnings are expected.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.flamestore {
    requires org.agrona;
    requires chronicle.map;
    requires jdk.jfr; // a JDK module, for reading Flight Recorder recordings (JfrProfile)
    requires jdk.httpserver; // a JDK module: flamestore serve runs PyroscopeApi on com.sun.net.httpserver

    exports io.flamestore;
}
