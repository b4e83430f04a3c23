package org.openwec.app.wiring;

import dagger.BindsInstance;
import dagger.Component;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import javax.inject.Singleton;
import org.openwec.adapters.outputs.OutputsAdapter;
import org.openwec.app.config.CollectorServerSettings;
import org.openwec.app.config.Settings;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.port.in.MachineStatistics;
import org.openwec.core.service.Collector;
import org.openwec.core.service.Scheduler;

/**
 * The parts of one {@code openwecd} run, over one configuration: the database (opened by the first part that
 * needs it), the outputs, the collector engine, the metrics registry. {@link CollectorServer} asks for them in
 * the order it starts them, so that it knows what to close when a later one fails.
 */
@Singleton
@Component(modules = {StorageModule.class, ServerModule.class})
interface ServerComponent {

    OutputsAdapter outputs();

    /** Opens the database, checks its schema and loads the subscriptions. */
    Collector collector();

    MachineStatistics machineStatistics();

    PrometheusRegistry registry();

    OpenedDatabases openedDatabases();

    @Component.Factory
    interface Factory {
        /**
         * @param clock stamps heartbeats and received events
         * @param scheduler runs the periodic work (flushes, reloads, garbage collection, metrics refresh)
         */
        ServerComponent create(@BindsInstance CollectorServerSettings serverSettings, @BindsInstance Settings settings,
                               @BindsInstance OpenMode mode, @BindsInstance MigrationEngine.Listener listener,
                               @BindsInstance Clock clock, @BindsInstance Scheduler scheduler,
                               @BindsInstance Backends backends);
    }

    static ServerComponent create(CollectorServerSettings settings, Clock clock, Scheduler scheduler, Backends backends) {
        return DaggerServerComponent.factory().create(settings, settings.settings(), OpenMode.EXISTING_ONLY,
                MigrationEngine.Listener.SILENT, clock, scheduler, backends);
    }
}
