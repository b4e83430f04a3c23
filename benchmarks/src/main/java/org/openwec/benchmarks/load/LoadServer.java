package org.openwec.benchmarks.load;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.openwec.adapters.outputs.OutputsAdapter;
import org.openwec.adapters.outputs.OutputsSettings;
import org.openwec.adapters.outputs.Scheduler;
import org.openwec.adapters.postgres.PostgresSettings;
import org.openwec.adapters.postgres.PostgresStorage;
import org.openwec.adapters.sqlite.SqliteSettings;
import org.openwec.adapters.sqlite.SqliteStorage;
import org.openwec.adapters.wef.http.CollectorListener;
import org.openwec.adapters.wef.http.CollectorPorts;
import org.openwec.adapters.wef.http.Pem;
import org.openwec.adapters.wef.http.ServerOptions;
import org.openwec.adapters.wef.http.WefServer;
import org.openwec.core.port.out.Storage;
import org.openwec.core.service.BookmarkGroupCommit;
import org.openwec.core.service.Collector;

/**
 * The collector of the load run when {@code openwecd} is not used: a JVM of its own (so that its CPU time is
 * its own) assembling the server from the same pieces {@code openwecd} wires, with the same defaults: the
 * storage adapter, {@link OutputsAdapter}, {@link Collector#start} with the backend's group-commit settings, one
 * {@link WefServer} on 127.0.0.1 and a free port. {@link Timings} wraps the ports to show where a request's time
 * goes.
 *
 * <p>Arguments {@code key=value}: {@code backend=sqlite path=FILE}, or {@code backend=postgres host= port=
 * database= user=}; {@code tls=DIR} holding {@code ca.pem}, {@code server.pem} and {@code server.key}. On
 * standard output it prints {@code LISTENING <port>}, then answers the lines it reads on standard input:
 * {@code MARK} (clears the latency samples), {@code STATS} (one line {@code STATS key=value ...}) and
 * {@code STOP} (stops in order, prints {@code STOPPED}, exits 0). The end of its input stops it too.
 */
public final class LoadServer {
    private LoadServer() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> arguments = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            arguments.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Timings timings = new Timings();
        boolean sqlite = arguments.get("backend").equals("sqlite");
        Storage opened;
        AutoCloseable database;
        if (sqlite) {
            opened = SqliteStorage.open(SqliteSettings.defaults(Path.of(arguments.get("path"))), false);
            database = opened;
        } else {
            PostgresStorage postgres = PostgresStorage.open(PostgresSettings.of(arguments.get("host"),
                            Integer.parseInt(arguments.get("port")), arguments.get("database"), arguments.get("user"), "")
                    .withSsl(PostgresSettings.SslMode.Disable, null));
            opened = postgres.storage();
            database = postgres;
        }
        ScheduledExecutorService outputsTimer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("outputs-gc").daemon().factory());
        OutputsAdapter outputs = new OutputsAdapter(OutputsSettings.defaults(null), Clock.systemUTC(),
                Scheduler.of(outputsTimer));
        BookmarkGroupCommit.Settings commits = sqlite ? BookmarkGroupCommit.Settings.defaults()
                : BookmarkGroupCommit.Settings.forPostgres();
        Collector collector = Collector.start(timings.storage(opened), timings.outputs(outputs),
                Collector.Settings.defaults().withBookmarks(commits));
        Path tls = Path.of(arguments.get("tls"));
        CollectorListener listener = new CollectorListener("localhost", "127.0.0.1", 0, 5986,
                CollectorListener.DEFAULT_MAX_CONTENT_LENGTH, false, new CollectorListener.Tls(
                        Pem.file(tls.resolve("ca.pem")), Pem.file(tls.resolve("server.pem")),
                        Pem.file(tls.resolve("server.key"))));
        WefServer server = WefServer.start(listener, new CollectorPorts(collector.enumerate(),
                timings.events(collector.events()), collector.heartbeats()), ServerOptions.defaults().withMetrics(timings));
        out.println("LISTENING " + server.port());

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("STOP"); line = in.readLine()) {
            switch (line) {
                case "MARK" -> {
                    timings.mark();
                    out.println("MARKED");
                }
                case "STATS" -> out.println("STATS " + stats(timings, collector));
                default -> out.println("UNKNOWN " + line);
            }
        }
        long start = System.nanoTime();
        server.close();
        collector.close();
        outputs.close();
        database.close();
        outputsTimer.shutdownNow();
        out.println("STOPPED " + (System.nanoTime() - start) / 1_000_000);
        System.exit(0);
    }

    private static String stats(Timings timings, Collector collector) {
        Map<String, Long> values = timings.snapshot();
        Collector.Stats stats = collector.stats();
        values.put("collector.commits", stats.bookmarks().commits());
        values.put("collector.stored", stats.bookmarks().stored());
        values.put("collector.superseded", stats.bookmarks().superseded());
        values.put("collector.keptStored", stats.bookmarks().keptStored());
        values.put("collector.failed", stats.bookmarks().failed());
        values.put("collector.failedCommits", stats.bookmarks().failedCommits());
        values.put("collector.largestBatch", stats.bookmarks().largestBatch());
        values.put("collector.heartbeatsRecorded", stats.heartbeats().recorded());
        values.put("collector.heartbeatFlushes", stats.heartbeats().flushes());
        values.put("collector.failedFlushes", stats.heartbeats().failedFlushes());
        values.put("collector.flushedEntries", stats.heartbeats().flushedEntries());
        values.put("collector.heartbeatsLost", stats.heartbeats().lost() + stats.heartbeats().dropped());
        StringBuilder line = new StringBuilder();
        values.forEach((key, value) -> line.append(key).append('=').append(value).append(' '));
        return line.toString().strip();
    }
}
