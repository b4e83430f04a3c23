package org.openwec.app.cli;

import org.openwec.core.model.ContentFormat;
import org.openwec.core.model.SubscriptionParameters;
import picocli.CommandLine.Option;

/** The subscription parameters {@code new} and {@code edit} both set, with the reference's option names. */
final class ParameterOptions {
    @Option(names = "--heartbeat-interval", paramLabel = "<SECONDS>", converter = Converters.U32.class,
            description = "Seconds a client waits, with nothing to send, before a heartbeat (new: 3600).")
    Long heartbeatInterval;

    @Option(names = "--connection-retry-count", paramLabel = "<N>", converter = Converters.U16.class,
            description = "Connection attempts of a client when the collector is unreachable (new: 5).")
    Integer connectionRetryCount;

    @Option(names = "--connection-retry-interval", paramLabel = "<SECONDS>", converter = Converters.U32.class,
            description = "Seconds between those attempts (new: 60).")
    Long connectionRetryInterval;

    @Option(names = "--max-time", paramLabel = "<SECONDS>", converter = Converters.U32.class,
            description = "Seconds a client may hold events to batch them (new: 30).")
    Long maxTime;

    @Option(names = "--max-envelope-size", paramLabel = "<BYTES>", converter = Converters.U32.class,
            description = "Largest SOAP envelope a client sends (new: 512000).")
    Long maxEnvelopeSize;

    @Option(names = "--content-format", paramLabel = "<Raw|RenderedText>",
            description = "Raw: event data only; RenderedText: with rendered messages (new: Raw).")
    ContentFormat contentFormat;

    @Option(names = "--ignore-channel-error", arity = "1", paramLabel = "<true|false>",
            description = "Whether clients carry on when a channel cannot be read (new: true).")
    Boolean ignoreChannelError;

    /** Whether any of these options was given. */
    boolean any() {
        return heartbeatInterval != null || connectionRetryCount != null || connectionRetryInterval != null
                || maxTime != null || maxEnvelopeSize != null || contentFormat != null || ignoreChannelError != null;
    }

    SubscriptionParameters applyTo(SubscriptionParameters p) {
        if (heartbeatInterval != null) {
            p = p.withHeartbeatInterval(heartbeatInterval);
        }
        if (connectionRetryCount != null) {
            p = p.withConnectionRetryCount(connectionRetryCount);
        }
        if (connectionRetryInterval != null) {
            p = p.withConnectionRetryInterval(connectionRetryInterval);
        }
        if (maxTime != null) {
            p = p.withMaxTime(maxTime);
        }
        if (maxEnvelopeSize != null) {
            p = p.withMaxEnvelopeSize(maxEnvelopeSize);
        }
        if (contentFormat != null) {
            p = p.withContentFormat(contentFormat);
        }
        if (ignoreChannelError != null) {
            p = p.withIgnoreChannelError(ignoreChannelError);
        }
        return p;
    }
}
