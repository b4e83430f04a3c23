package org.openwec.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Where a commit of 63 scattered bookmarks goes on SQLite, raw JDBC, one thread: the statements, the commit
 * (WAL writes and sync) and the checkpoint, by page size, checkpoint interval and SQL (the upsert, or an
 * UPDATE by key). What docs/benchmarks.md, "SQLite: pages and checkpoints", reports; run with
 * {@code benchmarks/run --sqlite-commits}. The table is laid out like the benchmark's after its 1-, 16- and
 * 64-writer cases: 64 writers' 100 clients for 6 sides, 38,400 rows inserted client by client.
 */
final class SqliteCommits {
    private static final String SUBSCRIPTION = "11111111-2222-3333-4444-555555555555";
    private static final String UPSERT = """
            INSERT INTO bookmarks (machine, subscription, bookmark) VALUES (?, ?, ?)
            ON CONFLICT (machine, subscription) DO UPDATE SET bookmark = excluded.bookmark""";
    private static final String UPDATE = "UPDATE bookmarks SET bookmark = ?3 WHERE machine = ?1 AND subscription = ?2";

    private SqliteCommits() {}

    record Config(int pageSize, int checkpointEvery, boolean update) {}

    static void run(boolean quick) throws Exception {
        int commits = quick ? 300 : 3000;
        System.out.println("| page size | checkpoint every | SQL | statements | commit (WAL writes and sync) | checkpoint | total |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int pageSize : new int[] {4096, 2048, 1024}) {
            for (int every : new int[] {16, 127}) {
                for (boolean update : new boolean[] {false, true}) {
                    double[] t = measure(new Config(pageSize, every, update), commits);
                    System.out.printf("| %d | %d commits | %s | %.0f µs | %.0f µs | %.0f µs | %.0f µs |%n", pageSize, every,
                            update ? "UPDATE" : "upsert", t[0], t[1], t[2], t[0] + t[1] + t[2]);
                }
            }
        }
    }

    /** Per commit, in µs: statements, commit, checkpoint. */
    private static double[] measure(Config config, int commits) throws Exception {
        Path directory = Files.createTempDirectory("openwec-bench-commits");
        try {
            Properties p = new Properties();
            p.setProperty("foreign_keys", "true");
            p.setProperty("transaction_mode", "IMMEDIATE");
            p.setProperty("page_size", Integer.toString(config.pageSize()));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("db.sqlite"), p)) {
                List<String> clients = prepare(c);
                return commits(c, config, clients, commits);
            }
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** The schema, WAL with a full sync and no automatic checkpoint, and the rows; returns the hot clients. */
    private static List<String> prepare(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA wal_autocheckpoint = 0");
            s.execute("CREATE TABLE subscriptions (uuid TEXT NOT NULL UNIQUE, PRIMARY KEY (uuid))");
            s.execute("""
                    CREATE TABLE bookmarks (
                        machine TEXT NOT NULL,
                        subscription TEXT NOT NULL REFERENCES subscriptions(uuid) ON UPDATE CASCADE ON DELETE CASCADE,
                        bookmark TEXT NOT NULL,
                        PRIMARY KEY (machine, subscription))""");
            s.execute("INSERT INTO subscriptions VALUES ('" + SUBSCRIPTION + "')");
        }
        List<String> hot = new ArrayList<>();
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement(UPSERT)) {
            for (int m = 0; m < 100; m++) {
                for (String side : new String[] {"E1", "R1", "E16", "R16", "E64", "R64"}) {
                    for (int w = 0; w < 64; w++) {
                        String machine = side + "-" + w + "-" + m + "$@BENCH.LOCAL";
                        if (side.equals("E64")) {
                            hot.add(machine);
                        }
                        bind(insert, machine, m);
                    }
                }
            }
            insert.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        checkpoint(c);
        return hot;
    }

    private static double[] commits(Connection c, Config config, List<String> clients, int commits) throws SQLException {
        Random random = new Random(1);
        long statements = 0;
        long commit = 0;
        long checkpoint = 0;
        try (PreparedStatement write = c.prepareStatement(config.update() ? UPDATE : UPSERT)) {
            for (int i = -commits / 6; i < commits; i++) {
                TreeSet<String> batch = new TreeSet<>();
                while (batch.size() < 63) {
                    batch.add(clients.get(random.nextInt(clients.size())));
                }
                long t0 = System.nanoTime();
                c.setAutoCommit(false);
                for (String machine : batch) {
                    bind(write, machine, 1000 + i);
                }
                write.executeBatch();
                long t1 = System.nanoTime();
                c.commit();
                c.setAutoCommit(true);
                long t2 = System.nanoTime();
                if (Math.floorMod(i, config.checkpointEvery()) == 0) {
                    checkpoint(c);
                }
                long t3 = System.nanoTime();
                if (i >= 0) {
                    statements += t1 - t0;
                    commit += t2 - t1;
                    checkpoint += t3 - t2;
                }
            }
        }
        return new double[] {statements / 1e3 / commits, commit / 1e3 / commits, checkpoint / 1e3 / commits};
    }

    private static void bind(PreparedStatement statement, String machine, long recordId) throws SQLException {
        statement.setString(1, machine);
        statement.setString(2, SUBSCRIPTION);
        statement.setString(3, Cases.bookmark(recordId));
        statement.addBatch();
    }

    private static void checkpoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next();
        }
    }
}
