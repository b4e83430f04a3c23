package org.openwec.app.wiring;

import javax.inject.Inject;
import javax.inject.Provider;
import org.openwec.app.config.Settings;
import org.openwec.core.port.in.CopyDatabase;
import org.openwec.core.port.out.Storage;
import org.openwec.core.service.CopyDatabaseService;

/** {@code db copy}'s use case from the component's database into the database of another configuration. */
public final class DatabaseCopies {
    private final Provider<Storage> source;
    private final Backends backends;
    private final OpenedDatabases opened;

    @Inject
    DatabaseCopies(Provider<Storage> source, Backends backends, OpenedDatabases opened) {
        this.source = source;
        this.backends = backends;
        this.opened = opened;
    }

    /**
     * Opens the source; the target is opened (or created) only when the use case needs it, and closed with the
     * component.
     *
     * @param settingsFile how the operator named the target's settings file, for the commands messages suggest
     */
    public CopyDatabase into(Settings target, String settingsFile, int chunkSize) {
        return new CopyDatabaseService(source.get(), opened.tracking(backends.opener(target.database())), chunkSize,
                settingsFile);
    }
}
