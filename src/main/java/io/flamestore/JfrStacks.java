package io.flamestore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Turns JFR stack traces into frame names, root first, named as async-profiler's converter names them
 * in collapsed output (without its {@code _[j]}-style frame-type suffixes): a Java frame is the class
 * name as the JVM spells it, with slashes, then {@code .method} ({@code java/lang/Thread.run}); a native
 * frame of async-profiler is the bare symbol ({@code pthread_cond_wait}); line numbers are left out so
 * that one method is one node.
 */
final class JfrStacks {
    /** The converter's name for a frame whose method the recording does not resolve. */
    private static final String UNKNOWN = "unknown";

    /**
     * A bound on cached stacks: the JDK's parser shares one stack object among all events of a chunk
     * that refer to it, so a small cache spares nearly all the naming, while a huge recording cannot
     * make it grow without end.
     */
    private static final int CACHE_LIMIT = 1 << 16;

    private final boolean asyncProfiler;
    private final Map<RecordedStackTrace, List<String>> cache = new IdentityHashMap<>();
    /**
     * One list per distinct stack of names, whichever chunk or line numbers it came from, so that
     * callers may count by list identity and memory grows with distinct stacks, not with chunks.
     */
    private final Map<List<String>, List<String>> distinct = new HashMap<>();

    /**
     * @param asyncProfiler whether async-profiler wrote the recording: its frame type "Native" marks
     *     a C function, where the JDK's marks a Java method declared {@code native}
     */
    JfrStacks(boolean asyncProfiler) {
        this.asyncProfiler = asyncProfiler;
    }

    /**
     * The frames of {@code trace}, root first, as the same list for equal stacks; empty when there is
     * none. Truncated stacks keep what they have.
     */
    List<String> rootFirst(RecordedStackTrace trace) {
        if (trace == null) {
            return List.of();
        }
        List<String> frames = cache.get(trace);
        if (frames == null) {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            frames = distinct.computeIfAbsent(name(trace.getFrames()), named -> named);
            cache.put(trace, frames);
        }
        return frames;
    }

    private List<String> name(List<RecordedFrame> leafFirst) {
        List<String> frames = new ArrayList<>(leafFirst.size());
        for (int i = leafFirst.size() - 1; i >= 0; i--) {
            frames.add(name(leafFirst.get(i)));
        }
        return Collections.unmodifiableList(frames);
    }

    private String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        String methodName = method == null ? null : method.getName();
        if (methodName == null || methodName.isEmpty()) {
            return UNKNOWN;
        }
        RecordedClass type = method.getType();
        // getName() would turn the JVM's slashes into dots; the raw field keeps "java/lang/Thread".
        String className = type == null ? null : type.getString("name");
        if (className == null || className.isEmpty() || isNative(frame.getType())) {
            return methodName;
        }
        return className + "." + methodName;
    }

    private boolean isNative(String frameType) {
        return "C++".equals(frameType) || "Kernel".equals(frameType) || asyncProfiler && "Native".equals(frameType);
    }
}
