package org.openwec.app.wiring;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.inject.Singleton;
import dagger.Module;
import dagger.Provides;
import org.openwec.adapters.outputs.OutputsAdapter;
import org.openwec.adapters.outputs.OutputsSettings;
import org.openwec.app.config.CollectorServerSettings;
import org.openwec.app.config.ConfigError;
import org.openwec.app.config.DatabaseSettings;
import org.openwec.app.config.OutputSettings;
import org.openwec.app.config.ServerSettings;
import org.openwec.core.port.out.Storage;
import org.openwec.core.service.BookmarkGroupCommit;
import org.openwec.core.service.Collector;
import org.openwec.core.service.HeartbeatBatcher;
import org.openwec.core.service.Scheduler;

/** The collector engine and the outputs on the configured database, with the settings of {@code [server]} and {@code [outputs]}. */
@Module
final class ServerModule {
    private ServerModule() {}

    @Provides
    @Singleton
    static PrometheusRegistry registry() {
        // One per server, not the process-wide default: tests run several servers in one JVM.
        return new PrometheusRegistry();
    }

    @Provides
    @Singleton
    static OutputsAdapter.Failures outputFailures(CollectorServerSettings settings, PrometheusRegistry registry) {
        return settings.monitoring() == null ? OutputsAdapter.Failures.NONE : new OutputFailureMetrics(registry);
    }

    @Provides
    @Singleton
    static OutputsAdapter outputs(CollectorServerSettings settings, Clock clock, Scheduler scheduler,
                                  OutputsAdapter.Failures failures) {
        return new OutputsAdapter(outputsSettings(settings), clock,
                (period, task) -> scheduler.repeat("openwec-outputs-gc", period, task), failures);
    }

    @Provides
    @Singleton
    static Collector collector(Storage storage, OutputsAdapter outputs, CollectorServerSettings settings, Clock clock,
                               Scheduler scheduler) {
        return Collector.start(storage, outputs, collectorSettings(settings), clock, scheduler);
    }

    /**
     * {@code db_sync_interval} and {@code flush_heartbeats_interval}; PostgreSQL commits bookmarks several at a
     * time. {@code heartbeats_queue_size} has no counterpart: the engine merges heartbeats in the caller's thread,
     * with no queue between (docs/engine.md).
     */
    static Collector.Settings collectorSettings(CollectorServerSettings settings) {
        ServerSettings server = settings.server();
        BookmarkGroupCommit.Settings bookmarks = settings.database() instanceof DatabaseSettings.Postgres
                ? BookmarkGroupCommit.Settings.forPostgres() : BookmarkGroupCommit.Settings.defaults();
        return Collector.Settings.defaults()
                .withDbSyncInterval(Duration.ofSeconds(server.dbSyncInterval()))
                .withBookmarks(bookmarks)
                .withHeartbeats(HeartbeatBatcher.Settings.defaults()
                        .withFlushInterval(Duration.ofSeconds(server.flushHeartbeatsInterval())));
    }

    static OutputsSettings outputsSettings(CollectorServerSettings settings) {
        OutputSettings outputs = settings.outputs();
        try {
            return new OutputsSettings(settings.server().nodeName(), Duration.ofSeconds(outputs.garbageCollectInterval()),
                    Duration.ofSeconds(outputs.filesDescriptorCloseTimeout()));
        } catch (IllegalArgumentException e) {
            throw new ConfigError("Configuration file " + settings.settings().source() + ": " + e.getMessage()
                    + ". Fix that value.");
        }
    }
}
