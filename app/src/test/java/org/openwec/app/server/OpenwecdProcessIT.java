package org.openwec.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.Storage;

/**
 * The packaged {@code openwecd} (app/target/openwec.jar, as ./openwecd runs it) as a process of its own: it starts
 * on a settings file, a machine enumerates and sends events, SIGHUP reloads, SIGTERM stops it with exit code 0
 * and the bookmark and heartbeats stored. Runs after {@code package} (failsafe), since it needs the jar.
 */
class OpenwecdProcessIT {
    private static final Pattern LISTENING = Pattern.compile("Collector listening on /127\\.0\\.0\\.1:(\\d+)");
    private static final long PATIENCE_SECONDS = 60;

    @TempDir
    Path dir;

    /** The process's output, line by line, read as it comes. */
    private static final class Output {
        private final List<String> lines = new ArrayList<>();

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
                        throw new AssertionError("openwecd never logged \"" + text + "\"; it logged:\n"
                                + String.join("\n", lines));
                    }
                    TimeUnit.NANOSECONDS.timedWait(lines, left);
                }
            }
        }

        String all() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }

    @Test
    void the_packaged_openwecd_serves_reloads_on_sighup_and_stops_on_sigterm_with_everything_stored() throws Exception {
        Path jar = Path.of("target", "openwec.jar").toAbsolutePath();
        assumeThat(jar).as("the packaged jar (mvn package)").exists();
        ServerFixture fixture = ServerFixture.sqlite(dir).config("", "");
        Subscription security = fixture.subscription("security", OutputFormat.Raw);
        fixture.database(security);

        String java = ProcessHandle.current().info().command().orElse("java");
        Process openwecd = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", jar.toString(),
                "org.openwec.app.server.OpenwecdMain", "-c", fixture.config.toString())
                .redirectErrorStream(true).start();
        try {
            Output output = new Output(openwecd.getInputStream());
            Matcher listening = LISTENING.matcher(output.await("Collector listening on"));
            assertThat(listening.find()).isTrue();
            int port = Integer.parseInt(listening.group(1));
            output.await("openwecd started: 1 collector(s), 1 active subscription(s), database SQLite");

            try (Machine machine = new Machine(ServerFixture.MACHINE_CERTIFICATE.clientContext(ServerFixture.CA), port)) {
                Machine.Offer offer = Machine.offers(machine.enumerate()).getFirst();
                assertThat(offer.identifier()).isEqualTo(security.storedKey());
                assertThat(machine.events(offer.identifier(), offer.version(), Messages.bookmark(42),
                        Messages.event(4624, 42)).isAck()).isTrue();

                assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(openwecd.pid())).start().waitFor())
                        .isZero();
                output.await("Subscriptions reloaded: 1 active; outputs reopened");
                assertThat(machine.heartbeat(offer.identifier()).isAck()).as("still serving after SIGHUP").isTrue();
            }

            // SIGTERM; Process.destroy() would also close the pipe and lose the last lines
            assertThat(openwecd.toHandle().destroy()).isTrue();
            assertThat(openwecd.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("stopped").isTrue();
            assertThat(openwecd.exitValue()).as(output.all()).isZero();
            output.await("Stopping on SIGTERM");
            output.await("openwecd stopped in");
        } finally {
            openwecd.destroyForcibly();
        }

        try (fixture) {
            Storage db = fixture.storage();
            assertThat(db.bookmarks().bookmark(ServerFixture.MACHINE, security.uuid())).contains(Messages.bookmark(42));
            assertThat(db.heartbeats().heartbeats(HeartbeatQuery.byMachine(ServerFixture.MACHINE, security.uuid())))
                    .as("flushed at the stop").singleElement()
                    .satisfies(heartbeat -> assertThat(heartbeat.lastEventSeen()).isNotNull());
        }
        assertThat(Files.readString(fixture.output(OutputFormat.Raw, ServerFixture.MACHINE)))
                .isEqualTo(Messages.event(4624, 42) + "\n");
    }
}
