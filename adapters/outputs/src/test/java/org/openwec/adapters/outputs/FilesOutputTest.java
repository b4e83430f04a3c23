package org.openwec.adapters.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.adapters.outputs.Batches.batch;
import static org.openwec.adapters.outputs.Batches.files;
import static org.openwec.adapters.outputs.Batches.raw;
import static org.openwec.adapters.outputs.Batches.subscription;
import static org.openwec.adapters.outputs.Batches.tagged;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.OutputPort.OutputException;

/** Files outputs through the port, on real files. */
class FilesOutputTest {
    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
    private final OutputsAdapter outputs = new OutputsAdapter(
            new OutputsSettings("node-1", Duration.ofSeconds(60), Duration.ofSeconds(600)), time, time);

    @AfterEach
    void close() {
        outputs.close();
    }

    private String template(String relative) {
        return dir.resolve(relative).toString();
    }

    @Test
    void a_batch_is_appended_one_event_a_line_under_the_rendered_path() throws IOException {
        Subscription subscription = subscription("Test", raw(template("{ip:3}/{ip}/{client}/{node}/messages")));

        outputs.write(subscription, subscription.outputs().get(0), batch(subscription, List.of("<A/>", "<B/>")));
        outputs.write(subscription, subscription.outputs().get(0), batch(subscription, List.of("<C/>")));

        Path file = dir.resolve("192.168.58/192.168.58.100/WIN10@WINDOMAIN.LOCAL/node-1/messages");
        assertThat(Files.readString(file)).isEqualTo("<A/>\n<B/>\n<C/>\n");
        assertThat(outputs.openFiles()).isEqualTo(1);
        assertThat(outputs.outputInstances()).isEqualTo(1);
    }

    @Test
    void each_format_writes_its_own_lines() throws IOException {
        Subscription subscription = subscription("Test", files(template("raw.log"), OutputFormat.Raw),
                files(template("json.log"), OutputFormat.Json), files(template("rawjson.log"), OutputFormat.RawJson),
                files(template("nxlog.log"), OutputFormat.Nxlog));
        String event = "<Event><System><EventID>4624</EventID><Channel>Security</Channel>"
                + "<Keywords>0x8020000000000000</Keywords><Computer>win10</Computer></System></Event>";
        var batch = batch(subscription, List.of(event));

        for (var output : subscription.outputs()) {
            outputs.write(subscription, output, batch);
        }

        ObjectMapper json = new ObjectMapper();
        assertThat(Files.readString(dir.resolve("raw.log"))).isEqualTo(event + "\n");
        assertThat(json.readTree(Files.readString(dir.resolve("json.log"))).at("/System/Computer").asText())
                .isEqualTo("win10");
        assertThat(json.readTree(Files.readString(dir.resolve("rawjson.log"))).get("data").asText()).isEqualTo(event);
        assertThat(json.readTree(Files.readString(dir.resolve("nxlog.log"))).get("EventType").asText())
                .isEqualTo("AUDIT_SUCCESS");
        assertThat(Files.readString(dir.resolve("json.log"))).endsWith("}\n").hasLineCount(1);
    }

    @Test
    void concurrent_batches_to_one_file_never_interleave_their_lines() throws Exception {
        // Two subscriptions, two outputs each, all on one file: 8 writers, 50 batches of 40 lines each.
        String path = template("shared/events.log");
        Subscription first = subscription("First", raw(path), raw(path));
        Subscription second = subscription("Second", raw(path), raw(path));
        int writers = 8;
        int batches = 50;
        int lines = 40;
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                Subscription subscription = writer % 2 == 0 ? first : second;
                done.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    for (int b = 0; b < batches; b++) {
                        var batch = batch(subscription, tagged(writer + "-" + b, lines));
                        outputs.write(subscription, subscription.outputs().get(writer / 2 % 2), batch);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> written = Files.readAllLines(Path.of(path), StandardCharsets.UTF_8);
        assertThat(written).hasSize(writers * batches * lines);
        Pattern tag = Pattern.compile("<E batch='([0-9-]+)' line='([0-9]+)'/>");
        for (int i = 0; i < written.size(); i += lines) {
            Matcher head = tag.matcher(written.get(i));
            assertThat(head.matches()).as("line %d: %s", i, written.get(i)).isTrue();
            for (int j = 0; j < lines; j++) {
                assertThat(written.get(i + j)).as("line %d", i + j)
                        .isEqualTo("<E batch='" + head.group(1) + "' line='" + j + "'/>");
            }
        }
        assertThat(outputs.openFiles()).isEqualTo(1);
        assertThat(outputs.outputInstances()).isEqualTo(4);
    }

    @Test
    void batches_written_while_files_are_being_reopened_are_neither_lost_nor_split() throws Exception {
        String path = template("reopened.log");
        Subscription subscription = subscription("Test", raw(path));
        int writers = 4;
        int batches = 100;
        int lines = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit((Callable<Void>) () -> {
                    for (int b = 0; b < batches; b++) {
                        outputs.write(subscription, subscription.outputs().get(0),
                                batch(subscription, tagged(writer + "-" + b, lines)));
                    }
                    return null;
                }));
            }
            java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            Future<Integer> reopener = pool.submit(() -> {
                int reopened = 0;
                while (writing.get()) {
                    outputs.reopen(); // SIGHUP after SIGHUP, racing the writers
                    reopened++;
                }
                return reopened;
            });
            for (Future<?> future : done) {
                future.get();
            }
            writing.set(false);
            assertThat(reopener.get()).isPositive();
        } finally {
            pool.shutdownNow();
        }

        List<String> written = Files.readAllLines(Path.of(path), StandardCharsets.UTF_8);
        assertThat(written).hasSize(writers * batches * lines);
        for (int i = 0; i < written.size(); i += lines) {
            String batchTag = written.get(i).replaceAll(" line='0'/>$", "");
            for (int j = 0; j < lines; j++) {
                assertThat(written.get(i + j)).isEqualTo(batchTag + " line='" + j + "'/>");
            }
        }
    }

    @Test
    void a_file_idle_for_the_close_timeout_is_closed_by_the_garbage_collection() throws IOException {
        Subscription subscription = subscription("Test", raw(template("idle.log")));
        var output = subscription.outputs().get(0);
        outputs.write(subscription, output, batch(subscription, List.of("<1/>")));
        Path file = dir.resolve("idle.log");

        // While the file is open, a batch goes to the open file even after it was moved (logrotate's rename)
        Path rotated = dir.resolve("idle.log.1");
        Files.move(file, rotated);
        time.advance(Duration.ofSeconds(540)); // 9 ticks of 60 s: idle for 540 s < 600 s
        assertThat(outputs.openFiles()).isEqualTo(1);
        outputs.write(subscription, output, batch(subscription, List.of("<2/>")));
        assertThat(Files.readString(rotated)).isEqualTo("<1/>\n<2/>\n");
        assertThat(file).doesNotExist();

        time.advance(Duration.ofSeconds(600)); // idle for exactly 600 s at the tick at 1140 s: kept, as in the reference
        assertThat(outputs.openFiles()).isEqualTo(1);
        time.advance(Duration.ofSeconds(60)); // idle for more than 600 s at the next tick: closed
        assertThat(outputs.openFiles()).isZero();

        outputs.write(subscription, output, batch(subscription, List.of("<3/>")));
        assertThat(Files.readString(file)).isEqualTo("<3/>\n");
        assertThat(Files.readString(rotated)).isEqualTo("<1/>\n<2/>\n");
    }

    @Test
    void reopen_closes_every_file_so_the_next_batch_opens_the_path_again() throws IOException {
        Subscription subscription = subscription("Test", raw(template("a.log")), raw(template("b/{client}.log")));
        var batch = batch(subscription, List.of("<1/>"));
        subscription.outputs().forEach(output -> outputs.write(subscription, output, batch));
        assertThat(outputs.openFiles()).isEqualTo(2);
        Files.move(dir.resolve("a.log"), dir.resolve("a.log.1"));

        outputs.reopen();

        assertThat(outputs.openFiles()).isZero();
        assertThat(outputs.outputInstances()).isZero();
        outputs.write(subscription, subscription.outputs().get(0), batch(subscription, List.of("<2/>")));
        assertThat(Files.readString(dir.resolve("a.log"))).isEqualTo("<2/>\n");
    }

    @Test
    void a_machine_named_a_dot_or_two_writes_inside_its_own_place_not_above_it() throws IOException {
        Subscription subscription = subscription("Test", raw(template("machines/{client}/messages")));

        outputs.write(subscription, subscription.outputs().get(0),
                batch(subscription, "..", "192.168.58.100", List.of("<up/>")));
        outputs.write(subscription, subscription.outputs().get(0),
                batch(subscription, "$.$", "192.168.58.101", List.of("<here/>")));

        assertThat(Files.readString(dir.resolve("machines/__/messages"))).isEqualTo("<up/>\n");
        assertThat(Files.readString(dir.resolve("machines/_/messages"))).isEqualTo("<here/>\n");
        assertThat(dir.resolve("messages")).doesNotExist();
        assertThat(dir.resolve("machines/messages")).doesNotExist();
    }

    @Test
    void a_file_that_cannot_be_opened_fails_the_batch_with_the_output_named() throws IOException {
        Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
        Subscription subscription = subscription("Test", raw(template("blocker/{client}/messages")));

        assertThatThrownBy(() -> outputs.write(subscription, subscription.outputs().get(0),
                batch(subscription, List.of("<1/>"))))
                .isInstanceOf(OutputException.class)
                .hasMessageStartingWith("subscription \"Test\" (" + subscription.storedKey() + "), output 0 (Files, Raw): ")
                .hasMessageContaining("blocker");
        assertThat(outputs.openFiles()).isZero();
    }

    @Test
    void an_invalid_path_template_fails_every_batch_with_the_template_named() {
        Subscription subscription = subscription("Test", raw(template("{foo}/messages")));

        assertThatThrownBy(() -> outputs.write(subscription, subscription.outputs().get(0),
                batch(subscription, List.of("<1/>"))))
                .isInstanceOf(OutputException.class)
                .hasMessageContaining("output 0 (Files, Raw): Files path template")
                .hasMessageContaining("unknown variable {foo}");
    }
}
