package org.openwec.app.wiring;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openwec.adapters.outputs.OutputsAdapter;
import org.openwec.adapters.wef.http.CollectorListener;
import org.openwec.adapters.wef.http.CollectorPorts;
import org.openwec.adapters.wef.http.ServerMetrics;
import org.openwec.adapters.wef.http.ServerOptions;
import org.openwec.adapters.wef.http.WefServer;
import org.openwec.app.config.CollectorServerSettings;
import org.openwec.app.config.ConfigError;
import org.openwec.app.config.MonitoringSettings;
import org.openwec.core.model.UserError;
import org.openwec.core.service.Collector;
import org.openwec.core.service.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running {@code openwecd}: the collector engine over the configured database, its outputs, one HTTPS listener
 * per {@code [[collectors]]} entry and, with {@code [monitoring]}, the Prometheus endpoint.
 *
 * <p>Started in the order in which each part finds what it needs: the outputs, then the engine (which opens the
 * database, refuses a schema this binary does not know, and loads the subscriptions), then the check that every
 * output of an active subscription can be written, then {@code /metrics}, then the listeners. When a part fails,
 * those already started are closed, last first, and the failure is thrown: nothing is left half-started.
 *
 * <p>{@link #close()} stops in the order that loses nothing: no new connection, requests in flight answered (up to
 * 10 s); then the engine commits the bookmarks queued and flushes the heartbeats; then the outputs and the
 * database close.
 */
public final class CollectorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorServer.class);

    /** A started part and how to stop it. */
    private record Part(String name, AutoCloseable stop) {}

    private final Collector collector;
    private final List<WefServer> listeners;
    private final HTTPServer metrics;
    private final Deque<Part> parts;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The unwritable outputs last logged by the periodic check; only that task and {@link #reload} touch it. */
    private final Set<String> knownProblems = new LinkedHashSet<>();

    private CollectorServer(Collector collector, List<WefServer> listeners, HTTPServer metrics, Deque<Part> parts,
                            List<String> problems) {
        this.collector = collector;
        this.listeners = List.copyOf(listeners);
        this.metrics = metrics;
        this.parts = parts;
        this.knownProblems.addAll(problems);
    }

    /** On the system's clock and scheduler, with the configured database. */
    public static CollectorServer start(CollectorServerSettings settings) {
        return start(settings, Clock.systemUTC(), Scheduler.system(), Backends.CONFIGURED);
    }

    /**
     * @param clock stamps heartbeats and received events
     * @param scheduler runs flushes, reloads, the outputs' garbage collection and the metrics refresh
     * @throws UserError one line naming what is wrong and the fix: a configuration the server cannot serve, a
     *         TLS file, a port in use, a database that is missing, unreachable or of another schema version, an
     *         output that cannot be written
     */
    public static CollectorServer start(CollectorServerSettings settings, Clock clock, Scheduler scheduler,
                                        Backends backends) {
        // Checked before anything is opened.
        List<CollectorListener> listenerSettings = CollectorListeners.of(settings);
        ServerOptions.Keepalive keepalive = CollectorListeners.keepalive(settings.tcpKeepalive(), settings);
        MonitoringSettings monitoring = settings.monitoring();
        ServerOptions options = ServerOptions.defaults().withClock(clock).withKeepalive(keepalive);
        ServerModule.outputsSettings(settings);

        ServerComponent component = ServerComponent.create(settings, clock, scheduler, backends);
        Deque<Part> parts = new ArrayDeque<>();
        parts.push(new Part("database", component.openedDatabases()));
        try {
            OutputsAdapter outputs = component.outputs();
            parts.push(new Part("outputs", outputs));
            Collector collector = component.collector();
            parts.push(new Part("collector engine", collector));
            List<String> problems = OutputsAdapter.unsupportedOutputs(collector.activeSubscriptions());
            if (!problems.isEmpty()) {
                throw new UserError("openwecd cannot write to " + problems.size() + " output(s) of active "
                        + "subscriptions: " + String.join("; ", problems) + ". Fix, disable or remove them with "
                        + "`openwec subscriptions edit`, then start again.");
            }
            HTTPServer metrics = null;
            if (monitoring != null) {
                options = options.withMetrics(ServerMetrics.prometheus(component.registry(),
                        CollectorListeners.metrics(monitoring, settings)));
                MachineGauges gauges = new MachineGauges(component.registry(), component.machineStatistics(),
                        collector::activeSubscriptions);
                parts.push(new Part("openwec_machines refresh", scheduler.repeat("openwec-machines-gauge",
                        Duration.ofSeconds(monitoring.machinesRefreshInterval()), gauges::refresh)));
                metrics = serveMetrics(component, monitoring, settings);
                parts.push(new Part("metrics endpoint", metrics));
            }
            List<WefServer> listeners = new ArrayList<>();
            CollectorPorts ports = new CollectorPorts(collector.enumerate(), collector.events(), collector.heartbeats());
            for (CollectorListener listener : listenerSettings) {
                WefServer server = WefServer.start(listener, ports, options);
                listeners.add(server);
                parts.push(new Part("collector " + listener.listenAddress() + ":" + server.port(), server));
            }
            CollectorServer started = new CollectorServer(collector, listeners, metrics, parts, problems);
            parts.push(new Part("outputs check", scheduler.repeat("openwec-outputs-check",
                    Duration.ofSeconds(settings.server().dbSyncInterval()), started::checkOutputs)));
            LOG.info("openwecd started: {} collector(s), {} active subscription(s), database {}{}", listeners.size(),
                    collector.activeSubscriptions().size(), settings.database() instanceof
                            org.openwec.app.config.DatabaseSettings.Postgres ? "PostgreSQL" : "SQLite",
                    metrics == null ? "" : ", metrics on port " + metrics.getPort());
            return started;
        } catch (RuntimeException | Error e) {
            stopAll(parts, e);
            throw e;
        }
    }

    private static HTTPServer serveMetrics(ServerComponent component, MonitoringSettings monitoring,
                                           CollectorServerSettings settings) {
        InetAddress address;
        try {
            address = InetAddress.getByName(monitoring.listenAddress());
        } catch (UnknownHostException e) {
            throw new ConfigError("Configuration file " + settings.settings().source() + ": [monitoring] listen_address \""
                    + monitoring.listenAddress() + "\" is not an address. Give one such as 127.0.0.1 or ::.");
        }
        try {
            HTTPServer server = HTTPServer.builder().inetAddress(address).port(monitoring.listenPort())
                    .registry(component.registry()).buildAndStart();
            LOG.info("Metrics on http://{}:{}/metrics", monitoring.listenAddress(), server.getPort());
            return server;
        } catch (IOException e) {
            throw new UserError("Cannot listen on " + monitoring.label() + " for [monitoring] (" + e.getMessage()
                    + "); free the port or change [monitoring] listen_address / listen_port");
        }
    }

    /** Where each collector listens, in configuration order: the port is the one bound (port 0 picks one). */
    public List<InetSocketAddress> collectorAddresses() {
        return listeners.stream()
                .map(server -> new InetSocketAddress(server.listener().listenAddress(), server.port())).toList();
    }

    /** The port of {@code /metrics}, when {@code [monitoring]} is configured. */
    public OptionalInt metricsPort() {
        return metrics == null ? OptionalInt.empty() : OptionalInt.of(metrics.getPort());
    }

    /**
     * SIGHUP: reads the subscriptions now and reopens the output files and connections (log rotation), then logs
     * every output of an active subscription this collector cannot write (they are not refused here: machines
     * keep their other subscriptions; their batches for such an output fail until it is fixed).
     *
     * @return false when the subscriptions could not be read (the previous ones are kept)
     */
    public boolean reload() {
        boolean loaded = collector.reload();
        List<String> problems = OutputsAdapter.unsupportedOutputs(collector.activeSubscriptions());
        synchronized (knownProblems) {
            knownProblems.clear();
            knownProblems.addAll(problems);
        }
        problems.forEach(problem -> LOG.warn("Output that cannot be written: {}", problem));
        LOG.info("Subscriptions {}: {} active; outputs reopened", loaded ? "reloaded" : "NOT reloaded (kept)",
                collector.activeSubscriptions().size());
        return loaded;
    }

    /** After each periodic reload: an output that became unwritable is logged once. */
    private void checkOutputs() {
        List<String> problems = OutputsAdapter.unsupportedOutputs(collector.activeSubscriptions());
        synchronized (knownProblems) {
            for (String problem : problems) {
                if (!knownProblems.contains(problem)) {
                    LOG.warn("Output that cannot be written: {}", problem);
                }
            }
            knownProblems.clear();
            knownProblems.addAll(problems);
        }
    }

    /**
     * Stops everything, last started first: the listeners first (together: each lets its requests in flight
     * finish), so that the engine then commits every bookmark queued and flushes the heartbeats; then the outputs
     * and the database. Idempotent.
     *
     * @throws RuntimeException the first failure (heartbeats that could not be flushed, say), after everything
     *         was stopped
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Thread> stopping = new ArrayList<>();
        RuntimeException failure = null;
        for (WefServer listener : listeners) {
            stopping.add(Thread.ofVirtual().name("openwecd-stop-" + listener.port()).start(listener::close));
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("Interrupted while the collectors stopped", e);
            }
        }
        Deque<Part> rest = new ArrayDeque<>(parts);
        rest.removeIf(part -> part.stop() instanceof WefServer);
        try {
            stopAll(rest, failure);
        } finally {
            parts.clear();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops each part, first in the deque first; failures are added to {@code cause} or, without one, thrown. */
    private static void stopAll(Deque<Part> parts, Throwable cause) {
        RuntimeException first = null;
        for (Part part : parts) {
            try {
                part.stop().close();
            } catch (Exception e) {
                LOG.error("Stopping the {} failed: {}", part.name(), e.toString());
                if (cause != null) {
                    cause.addSuppressed(e);
                } else if (first == null) {
                    first = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
