package org.openwec.adapters.sqlite;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.adapters.testkit.BookmarkPortContract;
import org.openwec.core.port.out.Storage;

class SqliteBookmarkPortTest extends BookmarkPortContract {
    @TempDir
    Path directory;
    private SqliteTestDatabases databases;

    @Override
    protected Storage newStorage() {
        databases = new SqliteTestDatabases(directory);
        return databases.initialised();
    }

    @AfterEach
    void closeDatabases() throws Exception {
        if (databases != null) {
            databases.close();
        }
    }
}
