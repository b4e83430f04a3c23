package org.openwec.adapters.outputs;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.openwec.adapters.outputs.driver.FileHandles;
import org.openwec.adapters.outputs.driver.FilesSink;
import org.openwec.adapters.outputs.driver.PathTemplate;
import org.openwec.adapters.outputs.driver.Sink;
import org.openwec.adapters.outputs.driver.TcpSink;
import org.openwec.adapters.outputs.driver.UnixDatagramSink;
import org.openwec.adapters.outputs.event.EventMetadata;
import org.openwec.core.model.EventsBatch;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.OutputPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's {@link OutputPort}: formats a batch as each output's format says (once per batch and
 * format, however many outputs share it) and hands it to the output's driver instance, kept per
 * (subscription, internal version, output index) so that files and connections stay open between batches.
 *
 * <p>Every {@code garbage_collect_interval} (on the scheduler given), files idle for
 * {@code files_descriptor_close_timeout} are closed and so are output instances not used during the last
 * interval (those of deleted or edited subscriptions among them). {@link #reopen} (SIGHUP) closes every file
 * and connection; the next batches open them again.
 *
 * <p>The Kafka and Redis drivers are not implemented: {@link #unsupportedOutputs} names the outputs that use
 * them so that the collector can refuse to start, and a batch for one fails.
 */
public final class OutputsAdapter implements OutputPort, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputsAdapter.class);

    /**
     * Told of what the outputs could not do, for the collector's metrics (OpenWEC's
     * {@code openwec_output_driver_failures_total} and {@code openwec_output_format_failures_total}); called in
     * the thread of the request, so it must be quick.
     */
    public interface Failures {
        Failures NONE = new Failures() {};

        /** An output could not take a batch (it is sent again by the machine). */
        default void writeFailed(Subscription subscription, Output output) {}

        /** An event could not be formatted: it was left out of the batch's lines in that format. */
        default void formatFailed(Subscription subscription, OutputFormat format) {}
    }

    private final OutputsSettings settings;
    private final Clock clock;
    private final FileHandles files;
    private final Sinks sinks;
    private final BatchFormats formats;
    private final AutoCloseable garbageCollection;
    private final Failures failures;

    public OutputsAdapter(OutputsSettings settings, Clock clock, Scheduler scheduler) {
        this(settings, clock, scheduler, Failures.NONE);
    }

    public OutputsAdapter(OutputsSettings settings, Clock clock, Scheduler scheduler, Failures failures) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.files = new FileHandles(clock);
        this.sinks = new Sinks(clock);
        this.formats = new BatchFormats(settings.nodeName(), failures);
        this.garbageCollection = scheduler.every(settings.garbageCollectInterval(), this::collectGarbage);
    }

    /**
     * One line per enabled output of an active subscription that this collector cannot write to: a driver it
     * does not implement, or a configuration it cannot use (an invalid Files path template, TLS without
     * certificate authorities, a client certificate without its key, a UnixDatagram path that cannot be a
     * socket's address or a system without Unix datagram sockets). Empty when every output can be written.
     */
    public static List<String> unsupportedOutputs(Collection<Subscription> subscriptions) {
        List<String> problems = new ArrayList<>();
        for (Subscription subscription : subscriptions) {
            if (!subscription.isActive()) {
                continue;
            }
            List<Output> outputs = subscription.outputs();
            for (int index = 0; index < outputs.size(); index++) {
                Output output = outputs.get(index);
                String problem = output.enabled() ? problem(output.driver()) : null;
                if (problem != null) {
                    problems.add(describe(subscription, index, output) + ": " + problem);
                }
            }
        }
        return problems;
    }

    private static String problem(OutputDriver driver) {
        return switch (driver) {
            case OutputDriver.Files files -> {
                try {
                    PathTemplate.parse(files.path());
                    yield null;
                } catch (IllegalArgumentException e) {
                    yield e.getMessage();
                }
            }
            case OutputDriver.Tcp tcp when tcp.tlsEnabled() && tcp.tlsCertificateAuthorities().isEmpty() ->
                    "tls_enabled needs tls_certificate_authorities (the peer's certificate is checked against them only)";
            case OutputDriver.Tcp tcp when tcp.tlsCertificate() != null && tcp.tlsKey() == null ->
                    "tls_certificate needs tls_key";
            case OutputDriver.Tcp tcp -> null;
            case OutputDriver.Kafka kafka -> notImplemented("Kafka");
            case OutputDriver.Redis redis -> notImplemented("Redis");
            case OutputDriver.UnixDatagram unix -> UnixDatagramSink.problem(unix);
        };
    }

    private static String notImplemented(String driver) {
        return "the " + driver + " driver is not implemented by this collector; disable the output or remove it";
    }

    private static String describe(Subscription subscription, int index, Output output) {
        return "subscription \"" + subscription.name() + "\" (" + subscription.storedKey() + "), output " + index
                + " (" + output.driver().storedName() + ", " + output.format() + ")";
    }

    @Override
    public void write(Subscription subscription, Output output, EventsBatch batch) {
        int index = indexOf(subscription, output);
        Sinks.Key key = new Sinks.Key(subscription.uuid(), subscription.internalVersion(), index);
        Sinks.Instance instance;
        try {
            instance = sinks.acquire(key, () -> create(subscription, index, output));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            failures.writeFailed(subscription, output);
            throw new OutputException(describe(subscription, index, output) + ": " + e.getMessage(), e);
        }
        try {
            List<String> lines = formats.lines(batch, subscription, output.format());
            instance.sink().write(EventMetadata.of(subscription, batch, settings.nodeName()), lines);
        } catch (IOException e) {
            failures.writeFailed(subscription, output);
            throw new OutputException(describe(subscription, index, output) + ": " + e.getMessage(), e);
        } finally {
            sinks.release(instance);
        }
    }

    /** The output's place in its subscription: the same object first, else an equal one. */
    private static int indexOf(Subscription subscription, Output output) {
        List<Output> outputs = subscription.outputs();
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i) == output) {
                return i;
            }
        }
        int index = outputs.indexOf(output);
        if (index < 0) {
            throw new IllegalArgumentException("output " + output + " is not one of subscription "
                    + subscription.storedKey() + "'s outputs");
        }
        return index;
    }

    private Sink create(Subscription subscription, int index, Output output) {
        String problem = problem(output.driver());
        if (problem != null) {
            throw new UnsupportedOperationException(problem);
        }
        Sink sink = switch (output.driver()) {
            case OutputDriver.Files config -> new FilesSink(config.path(), files);
            case OutputDriver.Tcp config -> new TcpSink(config);
            case OutputDriver.Kafka config -> throw new IllegalStateException("refused above");
            case OutputDriver.Redis config -> throw new IllegalStateException("refused above");
            case OutputDriver.UnixDatagram config -> new UnixDatagramSink(config);
        };
        if (output.driver() instanceof OutputDriver.Files config && settings.nodeName() == null
                && PathTemplate.parse(config.path()).usesNode()) {
            LOG.warn("{} uses {{node}} but [server] node_name is not set: the path keeps the text {{node}}",
                    describe(subscription, index, output));
        }
        LOG.debug("output instance created: {}", describe(subscription, index, output));
        return sink;
    }

    /** What the garbage collection tick does; public so that a caller without a scheduler can run it. */
    public void collectGarbage() {
        try {
            int closedFiles = files.closeIdle(settings.filesDescriptorCloseTimeout());
            int closedOutputs = sinks.closeUnusedSince(clock.instant().minus(settings.garbageCollectInterval()));
            if (closedFiles + closedOutputs > 0) {
                LOG.debug("garbage collection closed {} idle files and {} unused output instances", closedFiles,
                        closedOutputs);
            }
        } catch (RuntimeException e) {
            // a periodic task that throws is never run again: log, and try at the next tick
            LOG.warn("the outputs' garbage collection failed", e);
        }
    }

    @Override
    public void reopen() {
        int closedFiles = files.closeAll();
        int closedOutputs = sinks.closeAll();
        LOG.info("outputs reopened: {} files and {} output instances closed", closedFiles, closedOutputs);
    }

    /** Open files (for tests and monitoring). */
    public int openFiles() {
        return files.openCount();
    }

    /** Live output instances (for tests and monitoring). */
    public int outputInstances() {
        return sinks.size();
    }

    /** Batches whose formatted lines are still held (for tests). */
    int heldBatches() {
        return formats.held();
    }

    @Override
    public void close() {
        try {
            garbageCollection.close();
        } catch (Exception e) {
            LOG.warn("stopping the outputs' garbage collection failed: {}", e.toString());
        }
        sinks.closeAll();
        files.closeAll();
    }
}
