package org.openwec.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openwec.core.migration.MigrationCatalogue;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionStats;
import org.openwec.core.port.out.Storage;

/** What the contracts cannot ask of every adapter: the in-memory adapter's own promises. */
class InMemoryStorageTest {

    @Test
    void startsEmptyAndUninitialisedWithTheSqliteCatalogue() {
        try (Storage storage = InMemoryStorage.create()) {
            assertThat(storage.schema().isInitialised()).isFalse();
            assertThat(storage.schema().registeredMigrations())
                    .isEqualTo(MigrationCatalogue.upTo(MigrationCatalogue.SQLITE_LATEST));
            assertThat(storage.subscriptions().subscriptions()).isEmpty();
            assertThat(storage.location()).isEqualTo("in-memory database");
        }
    }

    @Test
    void eachCreateIsASeparateDatabase() {
        try (Storage first = Fresh.migratedStorage(); Storage second = Fresh.migratedStorage()) {
            first.subscriptions().storeSubscription(Subscription.create("toto", "query"));

            assertThat(second.subscriptions().subscriptions()).isEmpty();
        }
    }

    @Test
    void aClosedDatabaseRefusesEveryCall() {
        Storage storage = Fresh.migratedStorage();
        storage.close();

        assertThatThrownBy(() -> storage.subscriptions().subscriptions()).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> storage.schema().appliedVersions()).isInstanceOf(StorageException.class);
    }

    @Test
    void concurrentFlushesLoseNoUpdate() throws Exception {
        try (Storage storage = Fresh.migratedStorage()) {
            Subscription s = Subscription.create("toto", "query");
            storage.subscriptions().storeSubscription(s);
            int threads = 8;
            int machines = 200;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long seen = 1000 + t;
                    done.add(pool.submit(() -> {
                        for (int m = 0; m < machines; m++) {
                            storage.heartbeats().storeHeartbeats(
                                    List.of(HeartbeatUpdate.event("m" + m, s.uuid(), "10.0.0." + seen % 256, seen)));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }

            assertThat(storage.heartbeats().stats(s.uuid(), 0)).isEqualTo(new SubscriptionStats(machines, 0, machines, 0));
            assertThat(storage.heartbeats().heartbeats(HeartbeatQuery.all()))
                    .allSatisfy(h -> assertThat(h.lastSeen()).isEqualTo(1000 + threads - 1));
        }
    }
}
