package org.openwec.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged {@code openwecd} (app/target/openwec.jar, as ./openwecd runs it) as a process of its own, its
 * output read line by line as it comes; and the packaged {@code openwec} CLI run once as a process. The jar exists
 * after {@code package}: the tests that use this are failsafe's ({@code *IT}).
 */
final class OpenwecdProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "openwec.jar").toAbsolutePath();
    /** How long a process may take to log a line or to stop (generous: the tests run on a loaded machine). */
    static final long PATIENCE_SECONDS = 60;
    /** The exit value of a process killed by SIGKILL (128 + 9), which is what {@code destroyForcibly} sends on Linux. */
    static final int KILLED_BY_SIGKILL = 137;
    private static final Pattern LISTENING = Pattern.compile("Collector listening on /127\\.0\\.0\\.1:(\\d+)");
    /** The test's heap is not the server's business; a small one keeps several processes beside the build. */
    private static final String HEAP = "-Xmx256m";

    final Process process;
    final Output output;

    private OpenwecdProcess(Process process) {
        this.process = process;
        this.output = new Output(process.getInputStream());
    }

    /** Starts {@code openwecd -c config}; see {@link #awaitStarted()}. */
    static OpenwecdProcess start(Path config) {
        return new OpenwecdProcess(launch("org.openwec.app.server.OpenwecdMain", config));
    }

    /**
     * Waits until it serves: its (first) collector listens and the start-up line is logged.
     *
     * @return the port the collector listens on (the settings say port 0: a free one)
     */
    int awaitStarted() throws InterruptedException {
        Matcher listening = LISTENING.matcher(output.await("Collector listening on"));
        assertThat(listening.find()).as(output.all()).isTrue();
        output.await("openwecd started:");
        return Integer.parseInt(listening.group(1));
    }

    long pid() {
        return process.pid();
    }

    /** Sends a signal by name (HUP, TERM, ...) with kill(1). */
    void signal(String name) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start().waitFor())
                .as("kill -%s %d", name, pid()).isZero();
    }

    /** SIGKILL ({@code Process.destroyForcibly()} on Linux): nothing of the process runs after it. Its exit value. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("killed").isTrue();
        return process.exitValue();
    }

    /** SIGTERM (Process.destroy() would also close the pipe and lose the last lines), then its exit value. */
    int stop() throws InterruptedException {
        assertThat(process.toHandle().destroy()).isTrue();
        assertThat(process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("stopped").isTrue();
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** What one run of the CLI gave: its exit code, stdout and stderr together, and how long it took. */
    record CliRun(int code, String output, long millis) {}

    /** Runs {@code openwec -c config args...} to its end. */
    static CliRun openwec(Path config, String... args) throws InterruptedException {
        long started = System.nanoTime();
        Process cli = launch("org.openwec.app.cli.OpenwecMain", config, args);
        Output output = new Output(cli.getInputStream());
        assertThat(cli.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("openwec %s ended", List.of(args)).isTrue();
        output.awaitEnd();
        return new CliRun(cli.exitValue(), output.all(), (System.nanoTime() - started) / 1_000_000);
    }

    private static Process launch(String mainClass, Path config, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, HEAP, "--enable-native-access=ALL-UNNAMED", "-cp",
                JAR.toString(), mainClass, "-c", config.toString()));
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A process's output, line by line, read as it comes. */
    static final class Output {
        private final List<String> lines = new ArrayList<>();
        private boolean ended;

        Output(InputStream in) {
            Thread.ofPlatform().daemon().name("openwecd-output").start(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line; (line = reader.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process is gone
                } finally {
                    synchronized (lines) {
                        ended = true;
                        lines.notifyAll();
                    }
                }
            });
        }

        /** Waits for a line containing {@code text} (the process's own pace: there is no clock to advance). */
        String await(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
            synchronized (lines) {
                while (true) {
                    for (String line : lines) {
                        if (line.contains(text)) {
                            return line;
                        }
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("the process never logged \"" + text + "\"; it logged:\n"
                                + String.join("\n", lines));
                    }
                    TimeUnit.NANOSECONDS.timedWait(lines, left);
                }
            }
        }

        /** Waits until the process closed its output (it ended). */
        void awaitEnd() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
            synchronized (lines) {
                while (!ended) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("the process's output never ended; it logged:\n"
                                + String.join("\n", lines));
                    }
                    TimeUnit.NANOSECONDS.timedWait(lines, left);
                }
            }
        }

        boolean contains(String text) {
            synchronized (lines) {
                return lines.stream().anyMatch(line -> line.contains(text));
            }
        }

        String all() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }
}
