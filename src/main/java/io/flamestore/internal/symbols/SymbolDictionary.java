package io.flamestore.internal.symbols;

import java.nio.charset.StandardCharsets;

/**
 * The preset deflate dictionary of symbol-table version 1: fragments of frame names that profiles of
 * the JVM, Go and native code share. Deflate can then refer back to them from the first name on,
 * which saves 5-10 % on a table of a few dozen to a few thousand names (measured on the real
 * profiles of the test data). These bytes are part of the format: changing them needs a new version.
 */
final class SymbolDictionary {
    static final byte[] V1 = String.join(";",
            "java/lang/Thread.run",
            "java/util/concurrent/ThreadPoolExecutor$Worker.run",
            "java/util/concurrent/ThreadPoolExecutor.runWorker",
            "java/util/concurrent/FutureTask.run",
            "java/util/concurrent/locks/LockSupport.park",
            "java/util/concurrent/locks/AbstractQueuedSynchronizer",
            "java/util/concurrent/ForkJoinWorkerThread.run",
            "java/util/concurrent/ForkJoinPool",
            "java/util/concurrent/ConcurrentHashMap",
            "java/lang/reflect/Method.invoke",
            "jdk/internal/reflect/DirectMethodHandleAccessor.invoke",
            "jdk/internal/misc/Unsafe.park",
            "java/lang/invoke/",
            "java/util/HashMap.get",
            "java/util/HashMap.put",
            "java/util/ArrayList",
            "java/util/stream/ReferencePipeline",
            "java/util/regex/Pattern",
            "java/io/FileInputStream.read",
            "java/io/BufferedInputStream.read",
            "java/net/SocketInputStream",
            "sun/nio/ch/SocketChannelImpl.read",
            "sun/nio/ch/EPollSelectorImpl.doSelect",
            "java/lang/String.equals",
            "java/lang/StringBuilder.append",
            "java/lang/Object.wait",
            "java/lang/Thread.sleep",
            "jdk.internal.", "java.lang.", "java.util.", "sun.nio.ch.",
            "org/apache/", "org/springframework/", "com/google/", "io/netty/", "kotlin/", "scala/",
            "libjvm.so", "libc.so.6", "libpthread.so.0", "[unknown]", "[kernel.kallsyms]",
            "__libc_start_main", "start_thread", "clone",
            "runtime.mcall", "runtime.park_m", "runtime.schedule", "runtime.findrunnable",
            "runtime.gcBgMarkWorker", "runtime.mallocgc", "runtime.goexit", "runtime.main", "main.main",
            "net/http.(*conn).serve", "net/http.HandlerFunc.ServeHTTP", "syscall.Syscall", "sync.(*Mutex).Lock")
            .getBytes(StandardCharsets.UTF_8);

    private SymbolDictionary() {
    }
}
