package org.openwec.adapters.outputs;

import java.time.Duration;
import java.util.Objects;

/**
 * What the outputs take from the collector's settings (OpenWEC common/src/settings.rs at a41b95f).
 *
 * @param nodeName {@code [server] node_name}: written in the metadata of RawJson, Json and Nxlog and used for
 *                 {@code {node}} in Files paths; null when not configured
 * @param garbageCollectInterval {@code [outputs] garbage_collect_interval} (600 s): how often idle files are
 *                               closed and unused output instances dropped
 * @param filesDescriptorCloseTimeout {@code [outputs.files] files_descriptor_close_timeout} (600 s): how long
 *                                    a file may stay open without being written to
 */
public record OutputsSettings(String nodeName, Duration garbageCollectInterval, Duration filesDescriptorCloseTimeout) {
    public OutputsSettings {
        Objects.requireNonNull(garbageCollectInterval, "garbageCollectInterval");
        Objects.requireNonNull(filesDescriptorCloseTimeout, "filesDescriptorCloseTimeout");
        if (garbageCollectInterval.isNegative() || garbageCollectInterval.isZero()) {
            // the reference panics on a zero interval (tokio's interval); say what to change instead
            throw new IllegalArgumentException("[outputs] garbage_collect_interval must be at least 1 second, got "
                    + garbageCollectInterval.toSeconds());
        }
        if (filesDescriptorCloseTimeout.isNegative()) {
            throw new IllegalArgumentException("[outputs.files] files_descriptor_close_timeout cannot be negative");
        }
    }

    /** The reference's defaults, 600 s each. */
    public static OutputsSettings defaults(String nodeName) {
        return new OutputsSettings(nodeName, Duration.ofSeconds(600), Duration.ofSeconds(600));
    }
}
