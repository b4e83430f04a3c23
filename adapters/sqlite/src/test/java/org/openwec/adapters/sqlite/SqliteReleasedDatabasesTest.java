package org.openwec.adapters.sqlite;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.adapters.testkit.released.Backend;
import org.openwec.adapters.testkit.released.FixtureTable;
import org.openwec.adapters.testkit.released.ReleasedDatabasesContract;
import org.openwec.core.port.out.Storage;

/**
 * Databases made by OpenWEC, on SQLite files (see adapters/testkit released fixtures): v0.1.0, v0.2.x, v0.3.0 and latest
 * databases, upgraded, read back, downgraded to each earlier released state and upgraded again.
 * Rows are inserted as the released versions stored them: booleans as INTEGER 0/1.
 */
class SqliteReleasedDatabasesTest extends ReleasedDatabasesContract {
    @TempDir
    Path directory;
    private SqliteTestDatabases databases;

    @BeforeEach
    void open() {
        databases = new SqliteTestDatabases(directory);
    }

    @AfterEach
    void close() throws Exception {
        databases.close();
    }

    @Override
    protected Backend backend() {
        return Backend.SQLITE;
    }

    @Override
    protected Storage newUninitialisedStorage() {
        return databases.uninitialised();
    }

    @Override
    protected void insertRows(Storage storage, List<FixtureTable> tables) {
        SqliteTestDatabases.raw(SqliteTestDatabases.pathOf(storage)).useTransaction(h -> {
            for (FixtureTable table : tables) {
                PreparedBatch batch = h.prepareBatch(table.insertSql());
                for (List<Object> row : table.rows()) {
                    for (int i = 0; i < row.size(); i++) {
                        batch.bind(i, backend().encode(row.get(i)));
                    }
                    batch.add();
                }
                batch.execute();
            }
        });
    }

    @Override
    protected List<String> subscriptionColumns(Storage storage) {
        return SqliteTestDatabases.raw(SqliteTestDatabases.pathOf(storage)).withHandle(h -> h.createQuery(
                "SELECT name FROM pragma_table_info('subscriptions') ORDER BY cid").mapTo(String.class).list());
    }

    @Override
    protected Map<String, String> storedColumn(Storage storage, String column) {
        Map<String, String> byName = new HashMap<>();
        SqliteTestDatabases.raw(SqliteTestDatabases.pathOf(storage)).useHandle(h -> h.createQuery("SELECT name, " + column + " AS value FROM subscriptions")
                .mapToMap().forEach(row -> byName.put((String) row.get("name"),
                        row.get("value") == null ? null : row.get("value").toString())));
        return byName;
    }
}
