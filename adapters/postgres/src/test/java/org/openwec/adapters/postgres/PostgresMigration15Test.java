package org.openwec.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.model.ClientFilter;
import org.openwec.core.model.ClientFilterFlags;
import org.openwec.core.model.ClientFilterKind;
import org.openwec.core.model.ClientFilterOperation;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.in.MigrateSchema;
import org.openwec.core.port.out.Storage;
import org.openwec.core.service.SchemaService;

/** Migration 15, PostgreSQL only: it back-fills legacy filters without overwriting valid kinds. */
class PostgresMigration15Test {

    @Test
    void reapplyingFifteenKeepsMachineIdFiltersAndRepairsPreReleaseKinds() {
        try (PostgresStorage pg = TestPostgres.initialisedStorage("v15")) {
            Storage storage = pg.storage();
            Subscription machines = Subscription.create("machines", "q").withClientFilter(ClientFilter.of(
                    ClientFilterOperation.Only, ClientFilterKind.MachineID, ClientFilterFlags.NONE, List.of("host")));
            Subscription legacy = Subscription.create("legacy", "q").withClientFilter(ClientFilter.of(
                    ClientFilterOperation.Only, ClientFilterKind.Client, ClientFilterFlags.NONE, List.of("DC$@W.LOCAL")));
            storage.subscriptions().storeSubscription(machines);
            storage.subscriptions().storeSubscription(legacy);
            String database = TestPostgres.databaseOf(storage.location());
            TestPostgres.execute(database, "UPDATE subscriptions SET client_filter_kind = 'KerberosPrinc' WHERE name = 'legacy'");

            MigrateSchema migrate = new SchemaService(storage.schema(), storage.location(), MigrationEngine.Listener.SILENT);
            migrate.execute(migrate.planDowngrade(OptionalLong.of(14)));
            migrate.execute(migrate.planUpgrade(OptionalLong.empty()));

            assertThat(storage.subscriptions().findSubscription("machines").orElseThrow().clientFilter().kind())
                    .isEqualTo(ClientFilterKind.MachineID);
            assertThat(storage.subscriptions().findSubscription("legacy").orElseThrow().clientFilter().kind())
                    .isEqualTo(ClientFilterKind.Client);
            String stored = TestPostgres.jdbi(database).withHandle(h -> h
                    .createQuery("SELECT client_filter_kind FROM subscriptions WHERE name = 'legacy'").mapTo(String.class).one());
            assertThat(stored).isEqualTo("Client");
        }
    }
}
