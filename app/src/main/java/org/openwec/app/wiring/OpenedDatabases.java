package org.openwec.app.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.openwec.core.port.out.BackupPort;
import org.openwec.core.port.out.Storage;
import org.openwec.core.port.out.StorageOpener;

/**
 * Every database one component opened, whichever use case opened it ({@code db copy} opens a second one), so
 * that closing the component closes them all, and a database that was never needed is never opened.
 */
@Singleton
public final class OpenedDatabases implements AutoCloseable {
    private final List<Storage> opened = new ArrayList<>();

    @Inject
    OpenedDatabases() {}

    /** {@code opener}, remembering what it opens. */
    StorageOpener tracking(StorageOpener opener) {
        return new StorageOpener() {
            @Override
            public String location() {
                return opener.location();
            }

            @Override
            public boolean exists() {
                return opener.exists();
            }

            @Override
            public Storage open(boolean create) {
                Storage storage = opener.open(create);
                synchronized (opened) {
                    opened.add(storage);
                }
                return storage;
            }

            @Override
            public Optional<BackupPort> backups() {
                return opener.backups();
            }
        };
    }

    /** Closes the last opened first; every one is closed even when one fails. */
    @Override
    public void close() {
        RuntimeException failure = null;
        synchronized (opened) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            opened.clear();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
