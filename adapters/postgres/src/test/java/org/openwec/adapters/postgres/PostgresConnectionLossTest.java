package org.openwec.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.Storage;

/**
 * The connections under a running load go away (killed by an administrator, or the whole server stopped
 * and started again): every write the adapter acknowledged is still there afterwards, every write it could
 * not complete was reported to its caller, and the same storage keeps working, without being reopened.
 */
class PostgresConnectionLossTest {
    static final int WRITERS = 4;
    static final int TERMINATIONS = 5;
    static final Duration BETWEEN_TERMINATIONS = Duration.ofMillis(400);
    static final Duration OUTAGE = Duration.ofSeconds(2);
    /** How long the load runs before the server is stopped, and again after it is back. */
    static final Duration LOAD_AROUND_OUTAGE = Duration.ofMillis(800);
    /** Long enough to cover the restart: writes held up by it are retried until the server is back. */
    static final RetrySettings RIDE_THROUGH_RESTART =
            new RetrySettings(1000, Duration.ofMillis(20), Duration.ofMillis(500), Duration.ofSeconds(30));

    @TempDir
    Path dataDirectory;

    @Test
    void terminatedBackendsLoseNoAcknowledgedWriteAndTheStorageKeepsWorking() throws Exception {
        String database = TestPostgres.newDatabase("terminate");
        try (PostgresStorage opened = TestPostgres.initialise(
                PostgresStorage.open(TestPostgres.settings(database).withPoolSize(WRITERS)))) {
            Storage storage = opened.storage();
            Subscription subscription = Subscription.create("terminate", "q");
            storage.subscriptions().storeSubscription(subscription);
            BookmarkLoad load = new BookmarkLoad(storage, subscription.uuid(), WRITERS);

            load.start();
            int terminated = 0;
            try (Connection admin = TestPostgres.connect("postgres")) {
                for (int i = 0; i < TERMINATIONS; i++) {
                    Thread.sleep(BETWEEN_TERMINATIONS.toMillis());
                    terminated += terminateBackends(admin, database);
                }
            }
            Thread.sleep(BETWEEN_TERMINATIONS.toMillis());
            load.stopAndJoin(Duration.ofSeconds(60));

            System.out.println("Connection loss (pg_terminate_backend): " + TERMINATIONS + " rounds, " + terminated
                    + " backends terminated, acknowledged writes=" + load.acknowledged.sum() + ", failures reported="
                    + load.failures.size() + ", retries=" + opened.retries() + " " + opened.retriesByCause()
                    + ", missing=0 (checked below)");
            assertThat(terminated).as("backends terminated under the load").isPositive();
            assertThat(load.failures).as("failures reported to the writers").isEmpty();
            assertThat(opened.retries()).as("operations retried on a new connection").isPositive();
            assertThat(load.assertNothingAcknowledgedWasLost()).isGreaterThan(BookmarkLoad.HOT_KEYS);
            assertStillWorks(storage, subscription);
        }
    }

    @Test
    void aServerRestartLosesNoAcknowledgedWriteAndTheStorageKeepsWorking() throws Exception {
        int port = TestPostgres.freePort();
        // A durability test: acknowledged means flushed to disk, as in production.
        Map<String, String> durable = Map.of("fsync", "on", "synchronous_commit", "on");
        EmbeddedPostgres server = TestPostgres.dedicated(dataDirectory, port, durable);
        try {
            String url = TestPostgres.jdbcUrl("localhost", port, "postgres");
            try (Connection admin = DriverManager.getConnection(url, "postgres", "")) {
                admin.createStatement().execute("CREATE DATABASE openwec");
                assertThat(setting(admin, "fsync")).isEqualTo("on");
                assertThat(setting(admin, "synchronous_commit")).isEqualTo("on");
            }
            PostgresSettings settings = PostgresSettings.of("localhost", port, "openwec", "postgres", "")
                    .withSsl(PostgresSettings.SslMode.Disable, null)
                    .withPoolSize(WRITERS)
                    .withRetry(RIDE_THROUGH_RESTART);
            try (PostgresStorage opened = TestPostgres.initialise(PostgresStorage.open(settings))) {
                Storage storage = opened.storage();
                Subscription subscription = Subscription.create("restart", "q");
                storage.subscriptions().storeSubscription(subscription);
                BookmarkLoad load = new BookmarkLoad(storage, subscription.uuid(), WRITERS);

                load.start();
                Thread.sleep(LOAD_AROUND_OUTAGE.toMillis());
                long down = System.nanoTime();
                server.close();
                long acknowledgedBeforeOutage = load.acknowledged.sum();
                Thread.sleep(OUTAGE.toMillis());
                server = TestPostgres.dedicated(dataDirectory, port, durable);
                long up = System.nanoTime();
                Thread.sleep(LOAD_AROUND_OUTAGE.toMillis());
                load.stopAndJoin(Duration.ofSeconds(60));

                long rodeThrough = load.acknowledgedAcross(down, up);
                System.out.println("Connection loss (server stopped " + OUTAGE.toSeconds() + " s and restarted): "
                        + "acknowledged writes=" + load.acknowledged.sum() + " (" + acknowledgedBeforeOutage
                        + " before the stop, " + rodeThrough + " held up by the outage then acknowledged), "
                        + "failures reported=" + load.failures.size() + ", retries=" + opened.retries() + " "
                        + opened.retriesByCause() + ", missing=0 (checked below)");
                assertThat(load.acknowledged.sum()).isGreaterThan(acknowledgedBeforeOutage);
                assertThat(rodeThrough).as("writes retried across the outage").isPositive();
                assertThat(load.assertNothingAcknowledgedWasLost()).isGreaterThan(BookmarkLoad.HOT_KEYS);
                assertStillWorks(storage, subscription);
            }
        } finally {
            server.close();
        }
    }

    private static int terminateBackends(Connection admin, String database) throws SQLException {
        try (PreparedStatement st = admin.prepareStatement("""
                SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = ? AND pid <> pg_backend_pid()""")) {
            st.setString(1, database);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The same storage, not reopened: a new write, and reads, go through. */
    private static void assertStillWorks(Storage storage, Subscription subscription) {
        storage.bookmarks().storeBookmark("AFTER$@W.LOCAL", subscription.uuid(), "after");
        assertThat(storage.bookmarks().bookmark("AFTER$@W.LOCAL", subscription.uuid())).contains("after");
        assertThat(storage.subscriptions().findSubscription(subscription.name())).isPresent();
    }
}
