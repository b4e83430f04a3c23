package org.openwec.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openwec.core.model.Subscription;

/**
 * The collector server under the load of many Windows machines (docs/benchmarks.md, "Load run"): each simulated
 * machine has its own client certificate and keep-alive TLS connection, enumerates once, then posts batches of
 * Security events on a schedule, waiting for each Ack as Windows does. The collector is a process of its own:
 * {@code openwecd} when this tree has it (or {@code --openwecd PATH}), otherwise {@link LoadServer}. Figures are
 * taken over a measured window after a warm-up; the handshakes at start are outside both.
 */
public final class LoadRun {
    private final LoadOptions options;
    private final PrintStream log;

    private LoadRun(LoadOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args, Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            System.err.println("benchmarks: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new LoadRun(options, System.err).run());
    }

    /** What one backend's run measured. */
    record Outcome(String backend, String database, String server, Window window, Handshakes handshakes,
                   Verification verification, Map<String, Long> errors, String profile,
                   Map<String, MethodTimings.Timing> methodTimings) {
        boolean failed() {
            return !errors.isEmpty() || !verification.ok();
        }
    }

    record Handshakes(int machines, long nanos, long serverCpu, long generatorCpu) {}

    record Verification(boolean ok, String text) {}

    private int run() throws Exception {
        if (!ProcCpu.available()) {
            log.println("benchmarks: the load run reads CPU times from /proc: it runs on Linux only");
            return 2;
        }
        String loadBefore = ProcCpu.loadAverage();
        Instant started = Instant.now();
        List<Outcome> outcomes = new ArrayList<>();
        if (options.sqlite()) {
            outcomes.add(backend(false));
        }
        if (options.postgres()) {
            outcomes.add(backend(true));
        }
        String report = report(started, loadBefore, ProcCpu.loadAverage(), outcomes);
        System.out.print(report);
        try {
            if (options.out().getParent() != null) {
                Files.createDirectories(options.out().getParent());
            }
            Files.writeString(options.out(), report);
            log.println("(also written to " + options.out() + ")");
        } catch (IOException e) {
            log.println("could not write " + options.out() + ": " + e.getMessage());
        }
        return outcomes.stream().anyMatch(Outcome::failed) ? 1 : 0;
    }

    private Outcome backend(boolean postgres) throws Exception {
        Path directory = Files.createTempDirectory("openwec-load-");
        Path events = Files.createDirectories(directory.resolve("events"));
        log.println("load run on " + (postgres ? "PostgreSQL" : "SQLite") + " in " + directory);
        Pki pki = new Pki();
        Pki.ServerFiles tls = pki.writeServerFiles(directory.resolve("tls"), pki.server());
        LoadKdc kdc = options.kerberos() ? new LoadKdc(directory.resolve("kdc"), "localhost") : null;
        try (LoadDatabase database = postgres ? new LoadDatabase.Postgres()
                : new LoadDatabase.Sqlite(directory.resolve("db.sqlite"))) {
            Subscription subscription = database.prepare(events);
            String databaseDescription = database.describe();
            Recorder recorder = new Recorder();
            LoadFleet fleet;
            Window window;
            Handshakes handshakes;
            String profile = null;
            Map<String, MethodTimings.Timing> methodTimings = Map.of();
            String serverDescription;
            try (ServerProcess server = startServer(database, tls, kdc, directory)) {
                serverDescription = server.description();
                log.println("collector started: " + server.description() + ", port " + server.port());
                long certificatesStart = System.nanoTime();
                Fleet.Settings settings = new Fleet.Settings(options.clients(), options.batch(), options.rate(),
                        options.heartbeatEvery(), Duration.ofSeconds(60), options.clientThreads(), 32);
                fleet = kdc != null ? KerberosFleet.of(settings, kdc, options.auth(), server.port(), recorder)
                        : LoadFleet.of(new Fleet(settings, pki, server.port(), recorder));
                log.printf("%d machine %s made in %d ms%n", options.clients(),
                        kdc != null ? "principals and keytabs" : "certificates",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - certificatesStart));
                try (fleet) {
                    long generatorBefore = ProcCpu.processNanos(ProcessHandle.current().pid());
                    long serverBefore = ProcCpu.processNanos(server.pid());
                    long start = System.nanoTime();
                    fleet.connectAll(Duration.ofMinutes(5));
                    handshakes = new Handshakes(options.clients(), System.nanoTime() - start,
                            ProcCpu.processNanos(server.pid()) - serverBefore,
                            ProcCpu.processNanos(ProcessHandle.current().pid()) - generatorBefore);
                    log.printf("%d machines connected (%s) and enumerated in %d ms%n", options.clients(), fleet.authentication(),
                            TimeUnit.NANOSECONDS.toMillis(handshakes.nanos()));
                    fleet.start();
                    watch(server, recorder, options.warmup(), "warm-up");
                    server.mark();
                    Path jfr = directory.resolve("server.jfr");
                    if (options.profile()) {
                        jcmd(server.pid(), "JFR.start", "name=load", "settings=profile", "filename=" + jfr);
                    }
                    Path timingFile = directory.resolve("timing.jfr");
                    boolean timing = !server.hasTimings()
                            && jcmd(server.pid(), MethodTimings.startCommand("timing", timingFile));
                    Snapshot before = Snapshot.take(server, database);
                    recorder.openWindow(before.nanos());
                    watch(server, recorder, options.duration(), "measured");
                    recorder.closeWindow(System.nanoTime());
                    Snapshot after = Snapshot.take(server, database);
                    if (timing && jcmd(server.pid(), "JFR.stop", "name=timing")) {
                        methodTimings = MethodTimings.read(timingFile);
                    }
                    if (options.profile()) {
                        jcmd(server.pid(), "JFR.stop", "name=load");
                        profile = keepProfile(jfr, database.name());
                    }
                    window = new Window(before, after, recorder, options);
                    if (!fleet.stop(Duration.ofSeconds(60))) {
                        recorder.error("requests still unanswered 60 s after the machines stopped");
                    }
                }
                int exit = server.stop(Duration.ofSeconds(90));
                if (exit != 0) {
                    recorder.error("the collector exited with " + exit + " (log " + server.log() + ")");
                    log.println(ServerProcess.tail(server.log()));
                }
            }
            Verification verification = verify(database, subscription.uuid(), fleet, events, recorder);
            log.println(verification.text());
            return new Outcome(database.name(), databaseDescription, serverDescription, window, handshakes,
                    verification, recorder.errors(), profile, methodTimings);
        } finally {
            if (kdc != null) {
                kdc.close();
            }
            if (options.keep()) {
                log.println("kept " + directory);
            } else {
                delete(directory);
            }
        }
    }

    private ServerProcess startServer(LoadDatabase database, Pki.ServerFiles tls, LoadKdc kdc, Path directory)
            throws Exception {
        List<String> javaOptions = options.serverJavaOptions().isBlank() ? List.of()
                : List.of(options.serverJavaOptions().strip().split("\\s+"));
        Path serverLog = directory.resolve("server.log");
        if (options.openwecd() == null) {
            List<String> arguments = new ArrayList<>(database.serverArguments());
            arguments.add("tls=" + tls.caCertificate().getParent());
            return ServerProcess.assembled(arguments, javaOptions, serverLog, Duration.ofMinutes(2));
        }
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path settings = directory.resolve("openwec.conf.toml");
        if (kdc != null) {
            Files.writeString(settings, KerberosFleet.settingsToml(database.settingsToml(), port, kdc));
            return ServerProcess.openwecd(options.openwecd(), settings, port, options.serverJavaOptions(), serverLog,
                    Duration.ofMinutes(10));
        }
        Files.writeString(settings, database.settingsToml() + """

                [[collectors]]
                hostname = "localhost"
                listen_address = "127.0.0.1"
                listen_port = %d

                [collectors.authentication]
                type = "Tls"
                ca_certificate = "%s"
                server_certificate = "%s"
                server_private_key = "%s"
                """.formatted(port, tls.caCertificate(), tls.serverCertificate(), tls.serverPrivateKey()));
        return ServerProcess.openwecd(options.openwecd(), settings, port, options.serverJavaOptions(), serverLog,
                Duration.ofMinutes(10));
    }

    /** Sleeps for {@code period}, failing at once if the collector dies; a progress line every 10 s. */
    private void watch(ServerProcess server, Recorder recorder, Duration period, String phase) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + period.toNanos();
        long nextLine = start + TimeUnit.SECONDS.toNanos(10);
        long lastBatches = recorder.answeredInRun(Recorder.Kind.EVENTS);
        long lastTime = start;
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(200, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            if (!server.alive()) {
                throw new IllegalStateException("The collector died during the " + phase + " phase:\n"
                        + ServerProcess.tail(server.log()));
            }
            long now = System.nanoTime();
            if (now >= nextLine) {
                long batches = recorder.answeredInRun(Recorder.Kind.EVENTS);
                log.printf("  %s %3d s: %,.0f batches/s, errors %d%n", phase, TimeUnit.NANOSECONDS.toSeconds(now - start),
                        (batches - lastBatches) * 1e9 / (now - lastTime), recorder.errorCount());
                lastBatches = batches;
                lastTime = now;
                nextLine += TimeUnit.SECONDS.toNanos(10);
            }
        }
    }

    /**
     * Each machine's stored bookmark must be the one of its last acknowledged batch (a later one only if an answer
     * was lost), and the files must hold every acknowledged event (more only if a batch was sent again).
     */
    private Verification verify(LoadDatabase database, UUID subscription, LoadFleet fleet, Path events,
                                Recorder recorder) throws IOException {
        Map<String, Long> stored = database.recordIds(subscription);
        Map<String, LoadFleet.Acked> acknowledged = fleet.acknowledged();
        int behind = 0;
        int ahead = 0;
        long ackedBatches = 0;
        for (Map.Entry<String, LoadFleet.Acked> machine : acknowledged.entrySet()) {
            ackedBatches += machine.getValue().batches();
            Long id = stored.get(machine.getKey());
            if (id == null || id < machine.getValue().recordId()) {
                behind++;
            } else if (id > machine.getValue().recordId()) {
                ahead++;
            }
        }
        long lines = countLines(events);
        long ackedEvents = ackedBatches * options.batch();
        boolean ok = behind == 0 && lines >= ackedEvents;
        String text = String.format(Locale.ROOT, "verification: %d machines' stored bookmarks at their last "
                        + "acknowledged RecordId, %d behind it%s; %,d events in the output files for %,d acknowledged%s",
                acknowledged.size() - behind - ahead, behind, ahead == 0 ? "" : ", " + ahead + " ahead (answer lost)",
                lines, ackedEvents, ok ? "" : " -- FAILED");
        if (!ok) {
            recorder.error("verification failed");
        }
        return new Verification(ok, text);
    }

    private static long countLines(Path directory) throws IOException {
        long lines = 0;
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                try (FileChannel channel = FileChannel.open(file)) {
                    buffer.clear();
                    while (channel.read(buffer) > 0) {
                        buffer.flip();
                        while (buffer.hasRemaining()) {
                            if (buffer.get() == '\n') {
                                lines++;
                            }
                        }
                        buffer.clear();
                    }
                }
            }
        }
        return lines;
    }

    private boolean jcmd(long pid, String... command) throws IOException, InterruptedException {
        return jcmd(pid, List.of(command));
    }

    /** @return whether jcmd succeeded (a failure is logged: the run goes on without what it gives) */
    private boolean jcmd(long pid, List<String> command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(pid));
        line.addAll(command);
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0 || output.contains("Exception") || output.contains("Could not")) {
            log.println("jcmd " + String.join(" ", command) + " failed: " + output);
            return false;
        }
        return true;
    }

    /** Copies the recording out of the run's directory and summarizes it with {@code jfr view hot-methods}. */
    private String keepProfile(Path jfr, String backend) throws IOException, InterruptedException {
        Path kept = Path.of("benchmarks", "target", "load-" + backend.toLowerCase(Locale.ROOT) + ".jfr");
        Files.createDirectories(kept.getParent());
        Files.copy(jfr, kept, StandardCopyOption.REPLACE_EXISTING);
        Process view = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jfr").toString(), "view",
                "--width", "160", "hot-methods", kept.toString()).redirectErrorStream(true).start();
        String text;
        try (InputStream in = view.getInputStream()) {
            text = new String(in.readAllBytes());
        }
        view.waitFor();
        log.println(text);
        return "JFR recording of the collector over the measured window: " + kept + "\n\n" + text;
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** CPU times and the collector's counters at one instant. */
    record Snapshot(long nanos, long serverCpu, long generatorCpu, long postgresCpu, long[] machine,
                    Map<String, Long> serverThreads, Optional<Map<String, Long>> stats) {
        static Snapshot take(ServerProcess server, LoadDatabase database) throws InterruptedException {
            Optional<Map<String, Long>> stats = server.stats();
            long now = System.nanoTime();
            return new Snapshot(now, ProcCpu.processNanos(server.pid()),
                    ProcCpu.processNanos(ProcessHandle.current().pid()),
                    database.serverPid() < 0 ? -1 : ProcCpu.treeNanos(database.serverPid()), ProcCpu.machineNanos(),
                    ProcCpu.threadGroups(server.pid()), stats);
        }
    }

    /** The measured window: differences of two snapshots, and what the machines recorded in between. */
    record Window(Snapshot before, Snapshot after, long batches, long heartbeats, long[] latencies,
                  long[] heartbeatLatencies, long lateStarts, LoadOptions options) {
        Window(Snapshot before, Snapshot after, Recorder recorder, LoadOptions options) {
            this(before, after, recorder.answeredInWindow(Recorder.Kind.EVENTS),
                    recorder.answeredInWindow(Recorder.Kind.HEARTBEAT), recorder.latencies(Recorder.Kind.EVENTS),
                    recorder.latencies(Recorder.Kind.HEARTBEAT), recorder.lateStarts(), options);
        }

        double seconds() {
            return (after.nanos() - before.nanos()) / 1e9;
        }

        double batchesPerSecond() {
            return batches / seconds();
        }

        long p(double q) {
            return Recorder.percentile(latencies, q);
        }

        long max() {
            return latencies.length == 0 ? -1 : latencies[latencies.length - 1];
        }

        /** CPU nanoseconds per acknowledged batch. */
        double perBatch(long cpuBefore, long cpuAfter) {
            return cpuBefore < 0 || cpuAfter < 0 || batches == 0 ? Double.NaN : (double) (cpuAfter - cpuBefore) / batches;
        }

        double serverPerBatch() {
            return perBatch(before.serverCpu(), after.serverCpu());
        }

        double generatorPerBatch() {
            return perBatch(before.generatorCpu(), after.generatorCpu());
        }

        double postgresPerBatch() {
            return perBatch(before.postgresCpu(), after.postgresCpu());
        }

        /** The whole machine's busy share over the window (1.0 = every core busy). */
        double machineBusy() {
            long busy = after.machine()[0] - before.machine()[0];
            long total = after.machine()[1] - before.machine()[1];
            return total <= 0 ? Double.NaN : (double) busy / total;
        }

        /** Busy core-seconds of processes other than the three measured ones, per second. */
        double othersCores() {
            double busy = (after.machine()[0] - before.machine()[0]) / 1e9;
            double ours = (after.serverCpu() - before.serverCpu() + after.generatorCpu() - before.generatorCpu()
                    + Math.max(0, after.postgresCpu() - before.postgresCpu())) / 1e9;
            return Math.max(0, busy - ours) / seconds();
        }

        /** Server CPU per batch by thread group, largest first. */
        Map<String, Double> serverThreadsPerBatch() {
            Map<String, Double> groups = new TreeMap<>();
            after.serverThreads().forEach((group, nanos) -> {
                long delta = nanos - before.serverThreads().getOrDefault(group, 0L);
                if (delta > 0 && batches > 0) {
                    groups.put(group, (double) delta / batches);
                }
            });
            return groups;
        }

        long delta(String key) {
            return after.stats().orElseThrow().get(key) - before.stats().orElseThrow().get(key);
        }

        long last(String key) {
            return after.stats().orElseThrow().get(key);
        }
    }

    private String report(Instant started, String loadBefore, String loadAfter, List<Outcome> outcomes) {
        StringBuilder r = new StringBuilder();
        r.append("openwec load run, ").append(started).append('\n');
        r.append("- cores (nproc / availableProcessors): ").append(Runtime.getRuntime().availableProcessors())
                .append("; the generator and the collector share them\n");
        r.append("- java: ").append(System.getProperty("java.vm.name")).append(' ').append(Runtime.version()).append('\n');
        r.append("- os: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append('\n');
        int bodyBytes = Envelopes.sampleEventsBody(options.batch()).length;
        r.append(String.format(Locale.ROOT, "- machines: %d, each with %s; batches of %d Security events (4624, about "
                        + "1.2 KB of XML each), %,d-byte UTF-16 bodies, not compressed; a Heartbeat after every %d batches "
                        + "of a machine%n",
                options.clients(), options.kerberos() ? KerberosFleet.describe(options.auth())
                        : "its own client certificate (P-256) and one keep-alive TLS connection",
                options.batch(), bodyBytes, options.heartbeatEvery()));
        r.append(options.rate() > 0
                ? String.format(Locale.ROOT, "- schedule: %,.0f batches/s in all, one every %,.0f ms per machine, each "
                        + "sent when due and never before the previous Ack%n", options.rate(),
                        options.clients() * 1000 / options.rate())
                : "- schedule: none, each machine sends its next batch as soon as the Ack of the last one arrives\n");
        r.append("- warm-up ").append(options.warmup().toSeconds()).append(" s, then measured ")
                .append(options.duration().toSeconds()).append(options.kerberos() ? " s; the log-ins and authentications at start come before both\n"
                        : " s; the TLS handshakes at start come before both\n");
        r.append("- load average (1, 5, 15 min) at start: ").append(loadBefore).append(", at end: ").append(loadAfter)
                .append('\n');
        for (Outcome o : outcomes) {
            r.append("- ").append(o.backend()).append(": ").append(o.database()).append("; collector: ").append(o.server())
                    .append('\n');
        }
        r.append('\n');
        r.append("| backend | batches/s | events/s | Ack p50 | Ack p99 | Ack max | collector CPU / batch | "
                + "generator CPU / batch | PostgreSQL CPU / batch | machine busy | storage share | errors | goal |\n");
        r.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Outcome o : outcomes) {
            Window w = o.window();
            r.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %s | %s | %s | %s | %s | %s | %.0f%% | %s | %d | %s |%n",
                    o.backend(), w.batchesPerSecond(), w.batchesPerSecond() * options.batch(), ms(w.p(0.5)),
                    ms(w.p(0.99)), ms(w.max()), us(w.serverPerBatch()), us(w.generatorPerBatch()),
                    o.backend().equals("PostgreSQL") ? us(w.postgresPerBatch()) : "-", 100 * w.machineBusy(),
                    storageShare(o), o.errors().values().stream().mapToLong(Long::longValue).sum(), goal(o)));
        }
        r.append('\n');
        for (Outcome o : outcomes) {
            details(r, o);
        }
        boolean failed = outcomes.stream().anyMatch(Outcome::failed);
        r.append(failed ? "FAILED: see the errors and verification above.\n" : "No errors.\n");
        return r.toString();
    }

    private String goal(Outcome o) {
        if (!o.backend().equals("SQLite")) {
            return "-";
        }
        Window w = o.window();
        boolean met = w.batchesPerSecond() >= 3000 && w.p(0.99) >= 0 && w.p(0.99) < 200_000_000L;
        return ">= 3,000/s, p99 < 200 ms: " + (met ? "met" : "MISSED");
    }

    /**
     * The share of the requests' time spent in the events use case after the outputs: waiting for the bookmark's
     * group commit (and recording the heartbeat, in memory). From the timing decorators of {@link LoadServer}, or
     * from JFR's method timing in openwecd (request = the message handler, after the body is read).
     */
    private static String storageShare(Outcome o) {
        Window w = o.window();
        long events;
        long outputs;
        long requests;
        if (w.before().stats().isPresent()) {
            events = w.delta("events.nanos");
            outputs = w.delta("outputs.nanos");
            requests = w.delta("http.nanos");
        } else {
            Map<String, MethodTimings.Timing> t = o.methodTimings();
            events = timing(t, MethodTimings.EVENTS).totalNanos();
            outputs = timing(t, MethodTimings.OUTPUTS).totalNanos();
            requests = timing(t, MethodTimings.REQUEST).totalNanos();
        }
        return requests <= 0 ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100.0 * (events - outputs) / requests);
    }

    private static MethodTimings.Timing timing(Map<String, MethodTimings.Timing> timings, String method) {
        return timings.getOrDefault(method, MethodTimings.Timing.NONE);
    }

    private void details(StringBuilder r, Outcome o) {
        Window w = o.window();
        r.append("### ").append(o.backend()).append(": where the time goes\n\n");
        r.append(String.format(Locale.ROOT, "- measured: %.1f s, %,d batches and %,d Heartbeats acknowledged; "
                        + "%d requests sent more than one interval late (generator or collector behind)%n",
                w.seconds(), w.batches(), w.heartbeats(), w.lateStarts()));
        r.append(String.format(Locale.ROOT, "- Ack latency (request written to Ack read, as the machine sees it): "
                        + "p50 %s, p90 %s, p99 %s, p99.9 %s, max %s; Heartbeats p50 %s, p99 %s%n",
                ms(w.p(0.5)), ms(w.p(0.9)), ms(w.p(0.99)), ms(w.p(0.999)), ms(w.max()),
                ms(Recorder.percentile(w.heartbeatLatencies(), 0.5)), ms(Recorder.percentile(w.heartbeatLatencies(), 0.99))));
        StringBuilder threads = new StringBuilder();
        w.serverThreadsPerBatch().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(e -> e.getValue() >= 1000)
                .forEach(e -> threads.append(threads.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                        .append(us(e.getValue())));
        r.append(String.format(Locale.ROOT, "- CPU per batch: collector %s (%.2f cores), generator %s (%.2f cores)%s; "
                        + "the machine %.0f%% busy, other processes %.2f cores%n",
                us(w.serverPerBatch()), w.serverPerBatch() * w.batchesPerSecond() / 1e9, us(w.generatorPerBatch()),
                w.generatorPerBatch() * w.batchesPerSecond() / 1e9,
                o.backend().equals("PostgreSQL") ? String.format(Locale.ROOT, ", PostgreSQL %s (%.2f cores)",
                        us(w.postgresPerBatch()), w.postgresPerBatch() * w.batchesPerSecond() / 1e9) : "",
                100 * w.machineBusy(), w.othersCores()));
        r.append("- collector CPU per batch by thread: ").append(threads).append('\n');
        if (w.before().stats().isPresent()) {
            long batches = Math.max(1, w.delta("events.calls"));
            long commits = w.delta("bookmarkCommits.calls");
            double seconds = w.seconds();
            r.append(String.format(Locale.ROOT, "- in the collector: request (head read to Ack written) p50 %s, p99 %s, "
                            + "mean %s; events use case mean %s = outputs %s + bookmark commit and heartbeat %s "
                            + "(p50 %s, p99 %s)%n",
                    ms(w.last("requestSample.p50")), ms(w.last("requestSample.p99")), ms(w.last("requestSample.mean")),
                    ms(w.delta("events.nanos") / batches), ms(w.delta("outputs.nanos") / batches),
                    ms((w.delta("events.nanos") - w.delta("outputs.nanos")) / batches),
                    ms(w.last("afterOutputsSample.p50")), ms(w.last("afterOutputsSample.p99"))));
            r.append(String.format(Locale.ROOT, "- bookmark commits: %,.0f/s, %.1f bookmarks each (largest %d), %s each "
                            + "in the adapter (p50 %s, p99 %s), commits in progress %.0f%% of the time; %d bookmark reads%n",
                    commits / seconds, commits == 0 ? 0.0 : (double) w.delta("bookmarkCommits.rows") / commits,
                    w.last("collector.largestBatch"), ms(commits == 0 ? -1 : w.delta("bookmarkCommits.nanos") / commits),
                    ms(w.last("commitSample.p50")), ms(w.last("commitSample.p99")),
                    100.0 * w.delta("bookmarkCommits.nanos") / (seconds * 1e9), w.delta("bookmarkReads.calls")));
            long flushes = w.delta("heartbeatFlushes.calls");
            r.append(String.format(Locale.ROOT, "- heartbeat flushes: %d, %,.0f rows each, %s each; subscription reads: "
                            + "%d, %s each; GC: %d collections, %d ms%n",
                    flushes, flushes == 0 ? 0.0 : (double) w.delta("heartbeatFlushes.rows") / flushes,
                    ms(flushes == 0 ? -1 : w.delta("heartbeatFlushes.nanos") / flushes), w.delta("subscriptionReads.calls"),
                    ms(w.delta("subscriptionReads.calls") == 0 ? -1
                            : w.delta("subscriptionReads.nanos") / w.delta("subscriptionReads.calls")),
                    w.delta("gc.count"), w.delta("gc.millis")));
        }
        if (!o.methodTimings().isEmpty()) {
            Map<String, MethodTimings.Timing> t = o.methodTimings();
            MethodTimings.Timing request = timing(t, MethodTimings.REQUEST);
            MethodTimings.Timing events = timing(t, MethodTimings.EVENTS);
            MethodTimings.Timing outputs = timing(t, MethodTimings.OUTPUTS);
            MethodTimings.Timing commits = timing(t, MethodTimings.BOOKMARK_COMMITS);
            MethodTimings.Timing flushes = timing(t, MethodTimings.HEARTBEAT_FLUSHES);
            MethodTimings.Timing reads = timing(t, MethodTimings.SUBSCRIPTION_READS);
            long batches = Math.max(1, events.calls());
            double seconds = w.seconds();
            r.append(String.format(Locale.ROOT, "- in the collector (JFR method timing over the window): request "
                            + "handling (body read to answer) mean %s, max %s, %,d calls; events use case mean %s = "
                            + "outputs %s + bookmark commit and heartbeat %s%n",
                    ms(request.meanNanos()), ms(request.maxNanos()), request.calls(), ms(events.meanNanos()),
                    ms(outputs.totalNanos() / batches), ms((events.totalNanos() - outputs.totalNanos()) / batches)));
            r.append(String.format(Locale.ROOT, "- bookmark commits: %,.0f/s, %.1f batches each, %s each in the "
                            + "adapter (max %s), commits in progress %.0f%% of the time; heartbeat flushes: %d, %s "
                            + "each; subscription reads: %d, %s each%n",
                    commits.calls() / seconds, commits.calls() == 0 ? 0.0 : (double) events.calls() / commits.calls(),
                    ms(commits.calls() == 0 ? -1 : commits.meanNanos()), ms(commits.calls() == 0 ? -1 : commits.maxNanos()),
                    100.0 * commits.totalNanos() / (seconds * 1e9), flushes.calls(),
                    ms(flushes.calls() == 0 ? -1 : flushes.meanNanos()), reads.calls(),
                    ms(reads.calls() == 0 ? -1 : reads.meanNanos())));
        }
        Handshakes h = o.handshakes();
        r.append(String.format(Locale.ROOT, "- start (not measured): %d %s and Enumerates in %.1f s, "
                        + "collector CPU %.1f s, generator CPU %.1f s%n",
                h.machines(), options.kerberos() ? "Kerberos log-ins (AS), tickets (TGS) and authentications"
                        : "TLS handshakes", h.nanos() / 1e9, h.serverCpu() / 1e9, h.generatorCpu() / 1e9));
        r.append("- ").append(o.verification().text()).append('\n');
        if (!o.errors().isEmpty()) {
            r.append("- ERRORS:");
            o.errors().forEach((what, count) -> r.append(' ').append(what).append(" x").append(count).append(';'));
            r.append('\n');
        }
        if (o.profile() != null) {
            r.append("\n```text\n").append(o.profile().strip()).append("\n```\n");
        }
        r.append('\n');
    }

    private static String ms(long nanos) {
        if (nanos < 0) {
            return "-";
        }
        return nanos < 10_000_000L ? String.format(Locale.ROOT, "%.2f ms", nanos / 1e6)
                : String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
    }

    private static String us(double nanos) {
        return Double.isNaN(nanos) ? "-" : String.format(Locale.ROOT, "%,.0f µs", nanos / 1e3);
    }
}
