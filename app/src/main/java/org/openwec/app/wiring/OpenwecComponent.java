package org.openwec.app.wiring;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import org.openwec.app.config.Settings;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.port.out.Storage;
import org.openwec.core.service.CheckSchema;
import org.openwec.core.service.MigrateSchema;

/** Everything one command needs, for one configuration; the caller closes {@link #storage()}. */
@Singleton
@Component(modules = StorageModule.class)
public interface OpenwecComponent {
    Storage storage();

    MigrateSchema migrateSchema();

    CheckSchema checkSchema();

    @Component.Factory
    interface Factory {
        OpenwecComponent create(@BindsInstance Settings settings, @BindsInstance OpenMode mode,
                                @BindsInstance MigrationEngine.Listener listener);
    }

    static OpenwecComponent open(Settings settings, OpenMode mode, MigrationEngine.Listener listener) {
        return DaggerOpenwecComponent.factory().create(settings, mode, listener);
    }
}
