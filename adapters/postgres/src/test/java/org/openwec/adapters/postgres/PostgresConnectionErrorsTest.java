package org.openwec.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.UserError;

/**
 * Settings the user got wrong are reported at once, in words they can act on, and the password never
 * shows: not in the settings' text, not in any message of the failure or of its causes.
 */
class PostgresConnectionErrorsTest {
    /** Well under the 30 s retry window: the failure must not have been retried. */
    private static final Duration FAST = Duration.ofSeconds(5);
    private static final String ROLE = "openwec_password_role";
    private static final String PASSWORD = "S3cret-Pa55word-never-shown";

    private static Path hbaFile;
    private static String originalHba;

    /**
     * The embedded server trusts every local connection; one role is made to need its password
     * (scram-sha-256) by a pg_hba.conf line put first, so that a wrong password is refused.
     */
    @BeforeAll
    static void requirePasswordForOneRole() throws Exception {
        if (!TestPostgres.isEmbedded()) {
            return;
        }
        TestPostgres.execute("postgres", "DROP ROLE IF EXISTS " + ROLE);
        TestPostgres.execute("postgres", "CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
        hbaFile = Path.of(TestPostgres.show("postgres", "hba_file"));
        originalHba = Files.readString(hbaFile);
        Files.writeString(hbaFile, "host all " + ROLE + " 127.0.0.1/32 scram-sha-256\n"
                + "host all " + ROLE + " ::1/128 scram-sha-256\n" + originalHba);
        reloadAndWaitUntilPasswordIsRequired(true);
    }

    @AfterAll
    static void restoreHba() throws Exception {
        if (originalHba != null) {
            Files.writeString(hbaFile, originalHba);
            reloadAndWaitUntilPasswordIsRequired(false);
            TestPostgres.execute("postgres", "DROP ROLE IF EXISTS " + ROLE);
        }
    }

    private static void reloadAndWaitUntilPasswordIsRequired(boolean required) throws Exception {
        TestPostgres.execute("postgres", "SELECT pg_reload_conf()");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            boolean refused;
            TestPostgres.Server s = TestPostgres.server();
            try (Connection ignored = DriverManager.getConnection(
                    TestPostgres.jdbcUrl(s.host(), s.port(), "postgres"), ROLE, "wrong")) {
                refused = false;
            } catch (SQLException e) {
                refused = true;
            }
            if (refused == required) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("The server did not reload pg_hba.conf");
    }

    private static PostgresSettings asRole(String database, String password) {
        TestPostgres.Server s = TestPostgres.server();
        return PostgresSettings.of(s.host(), s.port(), database, ROLE, password)
                .withSsl(PostgresSettings.SslMode.Disable, null);
    }

    @Test
    void theRightPasswordConnects() {
        assumeTrue(originalHba != null, "needs the embedded server's pg_hba.conf");
        String database = TestPostgres.newDatabase("password");
        try (PostgresStorage storage = PostgresStorage.open(asRole(database, PASSWORD))) {
            assertThat(storage.storage().schema().isInitialised()).isFalse();
        }
    }

    @Test
    void aWrongPasswordIsAUserErrorReportedAtOnce() {
        assumeTrue(originalHba != null, "needs the embedded server's pg_hba.conf");
        String database = TestPostgres.newDatabase("password");
        try (PostgresStorage storage = PostgresStorage.open(asRole(database, "not-the-password"))) {
            long start = System.nanoTime();
            Throwable failure = catchThrowable(() -> storage.storage().schema().isInitialised());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(failure).isInstanceOf(UserError.class)
                    .hasMessageContaining("refused user \"" + ROLE + "\"")
                    .hasMessageContaining("password");
            assertThat(elapsed).isLessThan(FAST);
            assertThat(storage.retries()).isZero();
            assertThat(allMessages(failure)).doesNotContain("not-the-password");
        }
    }

    @Test
    void anUnknownDatabaseIsAUserErrorReportedAtOnce() {
        TestPostgres.Server s = TestPostgres.server();
        PostgresSettings settings = PostgresSettings.of(s.host(), s.port(), "openwec_no_such_database", s.user(), PASSWORD)
                .withSsl(PostgresSettings.SslMode.Disable, null);
        try (PostgresStorage storage = PostgresStorage.open(settings)) {
            long start = System.nanoTime();
            Throwable failure = catchThrowable(() -> storage.storage().schema().setupSchema());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(failure).isInstanceOf(UserError.class)
                    .hasMessageContaining("openwec_no_such_database")
                    .hasMessageContaining("does not exist");
            assertThat(elapsed).isLessThan(FAST);
            assertThat(storage.retries()).isZero();
            assertThat(allMessages(failure)).doesNotContain(PASSWORD);
        }
    }

    @Test
    void thePasswordNeverAppearsInTheSettingsOrTheLocation() {
        PostgresSettings settings = asRole("openwec", PASSWORD);
        assertThat(settings.toString()).doesNotContain(PASSWORD).contains("password=<hidden>");
        assertThat(settings.location()).doesNotContain(PASSWORD);
        try (PostgresStorage storage = PostgresStorage.open(settings)) {
            assertThat(storage.storage().location()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aServerThatIsDownIsRetriedThenReportedWithoutThePassword() throws IOException {
        int port = TestPostgres.freePort();
        PostgresSettings settings = PostgresSettings.of("localhost", port, "openwec", "openwec", PASSWORD)
                .withSsl(PostgresSettings.SslMode.Disable, null)
                .withRetry(new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(10)));
        try (PostgresStorage storage = PostgresStorage.open(settings)) {
            Throwable failure = catchThrowable(() -> storage.storage().schema().isInitialised());

            assertThat(failure).isNotInstanceOf(UserError.class)
                    .hasMessageContaining("localhost:" + port)
                    .hasMessageContaining("Check that the server runs");
            assertThat(storage.retries()).isEqualTo(2);
            assertThat(allMessages(failure)).doesNotContain(PASSWORD);
        }
    }

    /** The failure's message and those of all its causes and suppressed exceptions. */
    static String allMessages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        collect(failure, messages, 0);
        return String.join("\n", messages);
    }

    private static void collect(Throwable t, List<String> messages, int depth) {
        if (t == null || depth > 20) {
            return;
        }
        messages.add(t.getClass().getName() + ": " + t.getMessage());
        messages.add(String.valueOf(t));
        for (Throwable s : t.getSuppressed()) {
            collect(s, messages, depth + 1);
        }
        if (t instanceof SQLException sql && sql.getNextException() != null && sql.getNextException() != t.getCause()) {
            collect(sql.getNextException(), messages, depth + 1);
        }
        if (t.getCause() != t) {
            collect(t.getCause(), messages, depth + 1);
        }
    }
}
