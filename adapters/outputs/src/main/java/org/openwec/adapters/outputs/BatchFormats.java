package org.openwec.adapters.outputs;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.openwec.adapters.outputs.event.EventMetadata;
import org.openwec.adapters.outputs.event.ReceivedEvent;
import org.openwec.adapters.outputs.format.EventFormat;
import org.openwec.core.model.EventsBatch;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The formatted lines of the batches being written. The core calls the port once per output, so a batch
 * whose subscription has three Json outputs is written three times: it is formatted once (and each event
 * parsed once for Json and Nxlog together), and the lines are kept while the batch itself is reachable,
 * by identity (two equal batches are two messages).
 */
final class BatchFormats {
    private static final Logger LOG = LoggerFactory.getLogger(BatchFormats.class);

    private final String nodeName;
    private final Function<OutputFormat, EventFormat> formats;
    private final OutputsAdapter.Failures failures;
    private final ReferenceQueue<EventsBatch> collected = new ReferenceQueue<>();
    private final Map<BatchKey, Formatted> batches = new ConcurrentHashMap<>();

    BatchFormats(String nodeName, OutputsAdapter.Failures failures) {
        this(nodeName, failures, EventFormat::of);
    }

    /** @param formats the formatter of each format (tests hand in one that fails) */
    BatchFormats(String nodeName, OutputsAdapter.Failures failures, Function<OutputFormat, EventFormat> formats) {
        this.nodeName = nodeName;
        this.failures = failures;
        this.formats = formats;
    }

    /** The subscription's fields are part of the metadata, so a reloaded subscription is formatted anew. */
    private record FormatKey(OutputFormat format, UUID internalVersion) {}

    private static final class Formatted {
        final List<ReceivedEvent> events;
        final Map<FormatKey, List<String>> lines = new ConcurrentHashMap<>();

        Formatted(List<String> raw) {
            this.events = raw.stream().map(ReceivedEvent::new).toList();
        }
    }

    List<String> lines(EventsBatch batch, Subscription subscription, OutputFormat format) {
        expunge();
        Formatted formatted = batches.computeIfAbsent(new BatchKey(batch, collected), key -> new Formatted(batch.events()));
        return formatted.lines.computeIfAbsent(new FormatKey(format, subscription.internalVersion()), key -> {
            EventMetadata metadata = EventMetadata.of(subscription, batch, nodeName);
            EventFormat eventFormat = formats.apply(format);
            List<String> lines = new ArrayList<>(formatted.events.size());
            for (ReceivedEvent event : formatted.events) {
                String line = format(eventFormat, metadata, event, subscription, format);
                if (line != null) {
                    lines.add(line);
                }
            }
            return List.copyOf(lines);
        });
    }

    /**
     * An event the format cannot render is left out of this format's lines and counted, and the batch goes on,
     * as in the reference (OpenWEC server/src/logic.rs at a41b95f, where a formatter returning nothing is counted
     * in openwec_output_format_failures_total).
     */
    private String format(EventFormat eventFormat, EventMetadata metadata, ReceivedEvent event,
                          Subscription subscription, OutputFormat format) {
        try {
            return eventFormat.format(metadata, event);
        } catch (RuntimeException e) {
            LOG.warn("Failed to format an event of {} for subscription \"{}\" using {}: {}; it is left out of that "
                    + "output", metadata.client(), subscription.name(), format, e.toString());
            failures.formatFailed(subscription, format);
            return null;
        }
    }

    /** How many batches are held: their lines go when the batches are no longer referenced. */
    int held() {
        expunge();
        return batches.size();
    }

    private void expunge() {
        for (Object key; (key = collected.poll()) != null; ) {
            batches.remove(key);
        }
    }

    /** A batch by identity, held weakly; equal to itself after the batch is collected, so it can be removed. */
    private static final class BatchKey extends WeakReference<EventsBatch> {
        private final int hash;

        BatchKey(EventsBatch batch, ReferenceQueue<EventsBatch> queue) {
            super(batch, queue);
            this.hash = System.identityHashCode(batch);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof BatchKey key)) {
                return false;
            }
            EventsBatch batch = get();
            return batch != null && batch == key.get();
        }
    }
}
