package org.openwec.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openwec.adapters.testkit.SubscriptionPortContract;
import org.openwec.core.port.out.Storage;

/** The subscription contract again, on a database whose sessions all run SERIALIZABLE (CockroachDB's only level). */
class SerializablePostgresSubscriptionPortTest extends SubscriptionPortContract {
    private String database;

    @Override
    protected Storage newStorage() {
        Storage storage = TestPostgres.contractStorage("ser_subscription", TestPostgres.Isolation.SERIALIZABLE,
                TestPostgres.Content.INITIALISED);
        database = TestPostgres.databaseOf(storage.location());
        return storage;
    }

    @Test
    void sessionsOnThisDatabaseRunSerializable() {
        assertThat(TestPostgres.show(database, "transaction_isolation")).isEqualTo("serializable");
    }
}
