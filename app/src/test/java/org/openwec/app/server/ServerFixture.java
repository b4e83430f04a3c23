package org.openwec.app.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.openwec.adapters.testkit.time.ManualClock;
import org.openwec.adapters.testkit.time.ManualScheduler;
import org.openwec.app.cli.SharedPostgres;
import org.openwec.app.config.CollectorServerSettings;
import org.openwec.app.config.SettingsLoader;
import org.openwec.app.wiring.Backends;
import org.openwec.app.wiring.CollectorServer;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.port.out.Storage;
import org.openwec.core.service.SchemaService;

/**
 * One collector server under test, in-process: a settings file in a temporary directory (a TLS collector on a
 * free port of 127.0.0.1, /metrics on another), a test CA and certificates, a real database (a SQLite file, or a
 * database of its own on the embedded PostgreSQL), and a manual clock and scheduler that the test advances
 * instead of sleeping.
 */
final class ServerFixture implements AutoCloseable {
    /** The test machine's certificate CN, which is also the captured messages' machine. */
    static final String MACHINE = "win10.windomain.local";
    static final String QUERY = "<QueryList><Query Id=\"0\"><Select Path=\"Security\">*</Select></Query></QueryList>";
    /** Monday 30 November 2026, 12:00:00 UTC. */
    static final long NOW = 1_796_040_000L;
    static final TestPki.Issued CA = TestPki.ca("openwec test CA");
    static final TestPki.Issued SERVER = TestPki.server(CA);
    static final TestPki.Issued MACHINE_CERTIFICATE = TestPki.machine(CA, MACHINE);
    private static final AtomicInteger POSTGRES_DATABASES = new AtomicInteger();

    final Path dir;
    final String databaseToml;
    final ManualClock clock = ManualClock.atSeconds(NOW);
    final ManualScheduler scheduler = new ManualScheduler();
    private final List<Runnable> toClose = new ArrayList<>();
    Path config;
    CollectorServer server;

    private ServerFixture(Path dir, String databaseToml) {
        this.dir = dir;
        this.databaseToml = databaseToml;
        CA.writeTo(dir, "ca");
        SERVER.writeTo(dir, "server");
    }

    static ServerFixture sqlite(Path dir) {
        return new ServerFixture(dir, """
                type = "SQLite"
                path = "%s"
                """.formatted(dir.resolve("db.sqlite")));
    }

    static ServerFixture postgres(Path dir) {
        return postgres(dir, SharedPostgres.server());
    }

    /** A database of its own on {@code postgres} (a dedicated server, say one with durable settings). */
    static ServerFixture postgres(Path dir, EmbeddedPostgres postgres) {
        String name = "openwecd_" + POSTGRES_DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new ServerFixture(dir, """
                type = "Postgres"
                host = "localhost"
                port = %d
                dbname = "%s"
                user = "postgres"
                password = ""
                ssl_mode = "Disable"
                retry_max_elapsed_ms = 2000
                """.formatted(postgres.getPort(), name));
    }

    /** A subscription writing its events to Files outputs under {@code out/FORMAT/{client}.log}, one per format. */
    Subscription subscription(String name, OutputFormat... formats) {
        List<Output> outputs = new ArrayList<>();
        for (OutputFormat format : formats) {
            outputs.add(new Output(format, new OutputDriver.Files(
                    dir.resolve("out").resolve(format.name().toLowerCase()).resolve("{client}.log").toString()), true));
        }
        return Subscription.create(name, QUERY).withOutputs(outputs);
    }

    /** The subscription the captured Heartbeat names. */
    Subscription capturedSubscription() {
        Subscription s = subscription("captured", OutputFormat.Raw);
        return new Subscription(UUID.fromString(Messages.CAPTURED_SUBSCRIPTION), s.internalVersion(), null, null, true,
                SubscriptionParameters.defaults("captured", QUERY), null, s.outputs());
    }

    Path output(OutputFormat format, String client) {
        return dir.resolve("out").resolve(format.name().toLowerCase()).resolve(client + ".log");
    }

    /** Creates the schema and stores the subscriptions, as {@code openwec db init} and the CLI would. */
    ServerFixture database(Subscription... subscriptions) {
        try (Storage storage = open(true)) {
            new SchemaService(storage.schema(), storage.location(), MigrationEngine.Listener.SILENT).init();
            for (Subscription subscription : subscriptions) {
                storage.subscriptions().storeSubscription(subscription);
            }
        }
        return this;
    }

    /** The database, opened apart from the server (as another node or the CLI would); closed with the fixture. */
    Storage storage() {
        Storage storage = open(false);
        toClose.add(storage::close);
        return storage;
    }

    private Storage open(boolean create) {
        CollectorServerSettings settings = settings();
        return Backends.CONFIGURED.opener(settings.database()).open(create);
    }

    /** Writes the settings file: {@code collector} goes into the [[collectors]] entry, {@code extra} at the end. */
    ServerFixture config(String collector, String extra) {
        config = configFile("openwec.conf.toml", serverSection("test-node", 5, 5), collector, extra);
        return this;
    }

    /** A [server] section: this node's name, and its reload and heartbeat flush intervals in seconds. */
    static String serverSection(String nodeName, int dbSyncInterval, int flushHeartbeatsInterval) {
        return """
                [server]
                db_sync_interval = %d
                flush_heartbeats_interval = %d
                node_name = "%s"
                """.formatted(dbSyncInterval, flushHeartbeatsInterval, nodeName);
    }

    /**
     * Writes a settings file on this fixture's database and certificates, as another node would have (its own
     * [server] section; every port a free one), without making it the fixture's own.
     */
    Path configFile(String fileName, String server, String collector, String extra) {
        String text = """
                %s
                [database]
                %s
                [[collectors]]
                hostname = "wec.test"
                listen_address = "127.0.0.1"
                listen_port = 0
                advertized_port = 5986
                %s
                [collectors.authentication]
                type = "Tls"
                ca_certificate = "%s"
                server_certificate = "%s"
                server_private_key = "%s"

                [monitoring]
                listen_address = "127.0.0.1"
                listen_port = 0
                machines_refresh_interval = 30
                %s
                """.formatted(server, databaseToml, collector, dir.resolve("ca.pem"), dir.resolve("server.pem"),
                dir.resolve("server.key"), extra);
        try {
            return Files.writeString(dir.resolve(fileName), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CollectorServerSettings settings() {
        if (config == null) {
            config("", "");
        }
        return SettingsLoader.loadServer(config);
    }

    CollectorServer start() {
        server = CollectorServer.start(settings(), clock, scheduler, Backends.CONFIGURED);
        return server;
    }

    int port() {
        InetSocketAddress address = server.collectorAddresses().getFirst();
        return address.getPort();
    }

    Machine machine() {
        return machine(MACHINE_CERTIFICATE);
    }

    Machine machine(TestPki.Issued certificate) {
        Machine machine = new Machine(certificate.clientContext(CA), port());
        toClose.add(machine::close);
        return machine;
    }

    /** Moves time on: the flushes, reloads and refreshes that fall due run, in this thread. */
    void advance(Duration duration) {
        clock.advance(duration);
        scheduler.advance(duration);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).run();
        }
    }
}
