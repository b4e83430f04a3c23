package org.openwec.adapters.outputs;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.openwec.core.model.EventsBatch;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;

/** Subscriptions and batches for the adapter's tests. */
final class Batches {
    static final Instant RECEIVED = Instant.parse("2024-03-14T13:54:20.331Z");

    private Batches() {}

    static Subscription subscription(String name, Output... outputs) {
        return Subscription.create(name, "query").withOutputs(List.of(outputs));
    }

    static Output files(String path, OutputFormat format) {
        return new Output(format, new OutputDriver.Files(path), true);
    }

    static Output raw(String path) {
        return files(path, OutputFormat.Raw);
    }

    static EventsBatch batch(Subscription subscription, String machine, String ip, List<String> events) {
        return new EventsBatch(machine, null, ip, subscription.uuid(), "188BB736-9441-5C66-188B-B73694415C66", null,
                events, "<BookmarkList/>", RECEIVED);
    }

    static EventsBatch batch(Subscription subscription, List<String> events) {
        return batch(subscription, "WIN10$@WINDOMAIN.LOCAL", "192.168.58.100", events);
    }

    /** Events "<E batch='b' line='i'/>" that tell which batch and which line they are. */
    static List<String> tagged(String batch, int lines) {
        return IntStream.range(0, lines).mapToObj(i -> "<E batch='" + batch + "' line='" + i + "'/>").toList();
    }
}
