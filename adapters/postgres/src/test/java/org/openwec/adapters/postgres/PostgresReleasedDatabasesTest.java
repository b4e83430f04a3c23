package org.openwec.adapters.postgres;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.AfterEach;
import org.openwec.adapters.testkit.released.Backend;
import org.openwec.adapters.testkit.released.FixtureTable;
import org.openwec.adapters.testkit.released.ReleasedDatabasesContract;
import org.openwec.core.port.out.Storage;

/**
 * Databases made by OpenWEC, on PostgreSQL (see adapters/testkit released fixtures): v0.1.0, v0.2.x, v0.3.0 and latest
 * databases, upgraded, read back, downgraded to each earlier released state and upgraded again. The
 * latest state is 15 here: PostgreSQL back-fills the filter kind of legacy filters in a version of its own.
 * Each test gets a database of its own on the shared server (embedded, or OPENWEC_TEST_POSTGRES_URL).
 */
class PostgresReleasedDatabasesTest extends ReleasedDatabasesContract {
    private final List<PostgresStorage> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(PostgresStorage::close);
    }

    @Override
    protected Backend backend() {
        return Backend.POSTGRES;
    }

    @Override
    protected Storage newUninitialisedStorage() {
        PostgresStorage storage = TestPostgres.freshStorage("released");
        opened.add(storage);
        return storage.storage();
    }

    private static Jdbi raw(Storage storage) {
        return TestPostgres.jdbi(TestPostgres.databaseOf(storage.location()));
    }

    @Override
    protected void insertRows(Storage storage, List<FixtureTable> tables) {
        raw(storage).useTransaction(h -> {
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
        return raw(storage).withHandle(h -> h.createQuery("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'subscriptions'
                ORDER BY ordinal_position""").mapTo(String.class).list());
    }

    @Override
    protected Map<String, String> storedColumn(Storage storage, String column) {
        Map<String, String> byName = new HashMap<>();
        raw(storage).useHandle(h -> h.createQuery("SELECT name, " + column + " AS value FROM subscriptions")
                .mapToMap().forEach(row -> byName.put((String) row.get("name"),
                        row.get("value") == null ? null : row.get("value").toString())));
        return byName;
    }
}
