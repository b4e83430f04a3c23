package org.openwec.benchmarks.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a request's time goes inside {@code openwecd}, which has no timing decorators: JFR's method timing
 * (JDK 25, {@code jdk.MethodTiming}) counts the calls of a few methods of the server path and their mean time,
 * started with {@code jcmd} over the measured window only (a recording with that one event). The methods are
 * the ones {@link Timings} wraps in {@link LoadServer}: the request handler, the events use case, the outputs
 * and the storage adapters' writes and reads.
 */
final class MethodTimings {
    static final String REQUEST = "org.openwec.adapters.wef.http.MessageHandler::handle";
    static final String EVENTS = "org.openwec.core.service.EventsBatchService::record";
    static final String OUTPUTS = "org.openwec.adapters.outputs.OutputsAdapter::write";
    static final String BOOKMARK_COMMITS = "org.openwec.adapters.sql.SqlBookmarkAdapter::storeBookmarks";
    static final String HEARTBEAT_FLUSHES = "org.openwec.adapters.sql.SqlHeartbeatAdapter::storeHeartbeats";
    static final String SUBSCRIPTION_READS = "org.openwec.adapters.sql.SqlSubscriptionAdapter::subscriptions";
    static final List<String> METHODS = List.of(REQUEST, EVENTS, OUTPUTS, BOOKMARK_COMMITS, HEARTBEAT_FLUSHES,
            SUBSCRIPTION_READS);

    /** One method's calls over the window; total = calls x mean. */
    record Timing(long calls, long meanNanos, long maxNanos) {
        static final Timing NONE = new Timing(0, 0, 0);

        long totalNanos() {
            return calls * meanNanos;
        }
    }

    private MethodTimings() {
    }

    /** The arguments of {@code jcmd <pid>} that start the recording. */
    static List<String> startCommand(String name, Path file) {
        List<String> command = new ArrayList<>(List.of("JFR.start", "name=" + name, "settings=none",
                "+jdk.MethodTiming#enabled=true", "+jdk.MethodTiming#period=endChunk",
                "+jdk.MethodTiming#filter=" + String.join(";", METHODS), "filename=" + file));
        return command;
    }

    /** The timings in a stopped recording, by the names of {@link #METHODS}; a method never called is absent. */
    static Map<String, Timing> read(Path file) throws IOException {
        Map<String, Timing> timings = new LinkedHashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.MethodTiming")) {
                continue;
            }
            RecordedMethod method = event.getValue("method");
            String name = method.getType().getName() + "::" + method.getName();
            long calls = event.getLong("invocations");
            if (!METHODS.contains(name) || calls == 0) {
                continue;
            }
            // Several events for one method (a chunk each): add the calls, weigh the means.
            Timing earlier = timings.getOrDefault(name, Timing.NONE);
            long mean = nanos(event.getDuration("average"));
            long total = earlier.totalNanos() + calls * mean;
            long allCalls = earlier.calls() + calls;
            timings.put(name, new Timing(allCalls, total / allCalls,
                    Math.max(earlier.maxNanos(), nanos(event.getDuration("maximum")))));
        }
        return timings;
    }

    private static long nanos(Duration duration) {
        return duration == null ? 0 : duration.toNanos();
    }
}
