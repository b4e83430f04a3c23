package org.openwec.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The collector under load, always a process of its own, so that its CPU time is its own: either
 * {@link LoadServer} (the server assembled from the repository's pieces, with timing decorators) or the real
 * {@code openwecd} started from a settings file. Its log goes to a file, shown when it fails.
 */
final class ServerProcess implements AutoCloseable {
    private final String description;
    private final Process process;
    private final Path log;
    private final int port;
    /** Lines of LoadServer's standard output; null for openwecd. */
    private final BlockingQueue<String> lines;
    private final PrintStream commands;

    private ServerProcess(String description, Process process, Path log, int port, BlockingQueue<String> lines) {
        this.description = description;
        this.process = process;
        this.log = log;
        this.port = port;
        this.lines = lines;
        this.commands = lines == null ? null : new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** {@link LoadServer} in a JVM of its own, on this JVM's class path. */
    static ServerProcess assembled(List<String> serverArguments, List<String> jvmOptions, Path log, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LoadServer.class.getName());
        command.addAll(serverArguments);
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().name("load-server-output").start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("EOF " + e);
            }
        });
        String first = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null || !first.startsWith("LISTENING ")) {
            process.destroyForcibly();
            throw new IllegalStateException("The load server did not start (" + first + "):\n" + tail(log));
        }
        int port = Integer.parseInt(first.substring("LISTENING ".length()).strip());
        return new ServerProcess("the collector assembled by LoadServer (Collector, OutputsAdapter, WefServer; "
                + "a JVM of its own, pid " + process.pid() + ")", process, log, port, lines);
    }

    /** {@code openwecd -c settings}, ready once its port takes connections. */
    static ServerProcess openwecd(Path launcher, Path settings, int port, String javaOptions, Path log, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "-c", settings.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OPENWECD_JAVA_OPTS", javaOptions);
        Process process = builder.start();
        process.getOutputStream().close();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("openwecd exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("openwecd did not listen on port " + port + " within "
                            + timeout.toSeconds() + " s:\n" + tail(log));
                }
                Thread.sleep(200);
            }
        }
        return new ServerProcess("openwecd (" + launcher + ", pid " + javaPid(process) + ")", process, log, port, null);
    }

    /** The launcher script execs java: the process is the JVM. */
    private static long javaPid(Process process) {
        return process.pid();
    }

    String description() {
        return description;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    boolean hasTimings() {
        return lines != null;
    }

    /** LoadServer: clears its latency samples. */
    void mark() throws InterruptedException {
        if (lines != null) {
            ask("MARK", "MARKED");
        }
    }

    /** LoadServer's counters (see {@link Timings#snapshot}); empty for openwecd. */
    Optional<Map<String, Long>> stats() throws InterruptedException {
        if (lines == null) {
            return Optional.empty();
        }
        String line = ask("STATS", "STATS ");
        Map<String, Long> values = new LinkedHashMap<>();
        for (String pair : line.substring("STATS ".length()).split(" ")) {
            int equals = pair.indexOf('=');
            values.put(pair.substring(0, equals), Long.parseLong(pair.substring(equals + 1)));
        }
        return Optional.of(values);
    }

    private String ask(String command, String answerPrefix) throws InterruptedException {
        commands.println(command);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("The load server did not answer " + command + ":\n" + tail(log));
            }
            if (line.startsWith(answerPrefix)) {
                return line;
            }
        }
    }

    /**
     * Stops the collector as an operator would (LoadServer: its STOP command; openwecd: SIGTERM) and waits.
     *
     * @return the exit code
     */
    int stop(Duration timeout) throws InterruptedException {
        if (lines != null) {
            commands.println("STOP");
        } else {
            process.destroy();
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("The collector did not stop within " + timeout.toSeconds() + " s:\n"
                    + tail(log));
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** The last lines of a log, for an error message. */
    static String tail(Path log) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
