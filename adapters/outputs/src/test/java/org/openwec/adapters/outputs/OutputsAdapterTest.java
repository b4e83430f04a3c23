package org.openwec.adapters.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.adapters.outputs.Batches.batch;
import static org.openwec.adapters.outputs.Batches.files;
import static org.openwec.adapters.outputs.Batches.raw;
import static org.openwec.adapters.outputs.Batches.subscription;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.core.model.EventsBatch;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.OutputPort.OutputException;

class OutputsAdapterTest {
    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
    private final OutputsAdapter outputs = new OutputsAdapter(
            new OutputsSettings(null, Duration.ofSeconds(600), Duration.ofSeconds(600)), time, time);

    @AfterEach
    void close() {
        outputs.close();
    }

    private static Output enabled(OutputDriver driver) {
        return new Output(OutputFormat.Json, driver, true);
    }

    @Test
    void unsupported_outputs_are_named_one_line_each_with_their_subscription_and_driver() {
        Subscription kafka = subscription("Kafka sub", enabled(new OutputDriver.Kafka("topic", Map.of())));
        Subscription mixed = subscription("Mixed", raw("/tmp/ok/{client}"),
                enabled(new OutputDriver.Redis("127.0.0.1:6379", "list")),
                enabled(new OutputDriver.UnixDatagram("/run/events.sock")),
                raw("/tmp/{nope}"),
                enabled(new OutputDriver.Tcp("collector", 514, true, List.of(), null, null)),
                enabled(new OutputDriver.Tcp("collector", 514, true, List.of("/ca.pem"), "/cert.pem", null)),
                enabled(OutputDriver.Tcp.plain("collector", 514)));
        Subscription disabledOutput = subscription("Disabled output", raw("/tmp/x"),
                new Output(OutputFormat.Raw, new OutputDriver.Kafka("t", Map.of()), false));
        Subscription disabled = subscription("Disabled", enabled(new OutputDriver.Kafka("t", Map.of())))
                .withEnabled(false);

        List<String> problems = OutputsAdapter.unsupportedOutputs(List.of(kafka, mixed, disabledOutput, disabled));

        String m = "subscription \"Mixed\" (" + mixed.storedKey() + "), output ";
        assertThat(problems).containsExactly(
                "subscription \"Kafka sub\" (" + kafka.storedKey() + "), output 0 (Kafka, Json): the Kafka driver is"
                        + " not implemented by this collector; disable the output or remove it",
                m + "1 (Redis, Json): the Redis driver is not implemented by this collector; disable the output or"
                        + " remove it",
                m + "3 (Files, Raw): Files path template \"/tmp/{nope}\": unknown variable {nope}; the variables are"
                        + " {ip}, {ip:N}, {client} and {node}",
                m + "4 (Tcp, Json): tls_enabled needs tls_certificate_authorities (the peer's certificate is checked"
                        + " against them only)",
                m + "5 (Tcp, Json): tls_certificate needs tls_key");
        assertThat(problems).allSatisfy(line -> assertThat(line).doesNotContain("\n"));
    }

    @Test
    void a_batch_for_an_unsupported_output_fails_with_the_same_line() {
        Subscription subscription = subscription("Kafka sub", enabled(new OutputDriver.Kafka("topic", Map.of())));

        assertThatThrownBy(() -> outputs.write(subscription, subscription.outputs().get(0),
                batch(subscription, List.of("<E/>"))))
                .isInstanceOf(OutputException.class)
                .hasMessage(OutputsAdapter.unsupportedOutputs(List.of(subscription)).get(0));
        assertThat(outputs.outputInstances()).isZero();
    }

    @Test
    void one_instance_per_subscription_version_and_output_reused_across_batches() {
        Subscription subscription = subscription("Test", raw(dir.resolve("a.log").toString()),
                raw(dir.resolve("b.log").toString()));

        for (int i = 0; i < 3; i++) {
            EventsBatch batch = batch(subscription, List.of("<E" + i + "/>"));
            subscription.outputs().forEach(output -> outputs.write(subscription, output, batch));
        }
        assertThat(outputs.outputInstances()).isEqualTo(2);

        Subscription edited = subscription.withUri("/new"); // a new internal version: new instances
        edited.outputs().forEach(output -> outputs.write(edited, output, batch(edited, List.of("<E/>"))));
        assertThat(outputs.outputInstances()).isEqualTo(4);
    }

    @Test
    void instances_unused_for_a_whole_interval_are_dropped_by_the_garbage_collection() {
        Subscription subscription = subscription("Test", raw(dir.resolve("a.log").toString()));
        Subscription edited = subscription.withUri("/new");
        outputs.write(subscription, subscription.outputs().get(0), batch(subscription, List.of("<1/>")));
        time.advance(Duration.ofSeconds(300));
        outputs.write(edited, edited.outputs().get(0), batch(edited, List.of("<2/>")));
        assertThat(outputs.outputInstances()).isEqualTo(2);

        time.advance(Duration.ofSeconds(300)); // tick at 600 s: the old version was last used at 0 s
        assertThat(outputs.outputInstances()).isEqualTo(1);
        time.advance(Duration.ofSeconds(600)); // tick at 1200 s: the edited one was last used at 300 s
        assertThat(outputs.outputInstances()).isZero();
    }

    /** What the failure hook was told, as "name:driver-or-format". */
    private static final class RecordedFailures implements OutputsAdapter.Failures {
        final List<String> writes = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> formats = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void writeFailed(Subscription subscription, Output output) {
            writes.add(subscription.name() + ":" + output.driver().storedName());
        }

        @Override
        public void formatFailed(Subscription subscription, OutputFormat format) {
            formats.add(subscription.name() + ":" + format);
        }
    }

    @Test
    void a_failed_write_is_told_to_the_failure_hook() throws Exception {
        RecordedFailures failures = new RecordedFailures();
        Files.createDirectories(dir.resolve("a-directory"));
        Subscription subscription = subscription("Test", raw(dir.resolve("a-directory").toString()),
                enabled(new OutputDriver.Kafka("topic", Map.of())));
        try (OutputsAdapter adapter = new OutputsAdapter(
                new OutputsSettings(null, Duration.ofSeconds(600), Duration.ofSeconds(600)), time, time, failures)) {
            for (Output output : subscription.outputs()) {
                assertThatThrownBy(() -> adapter.write(subscription, output, batch(subscription, List.of("<E/>"))))
                        .isInstanceOf(OutputException.class);
            }
        }
        assertThat(failures.writes).containsExactly("Test:Files", "Test:Kafka");
        assertThat(failures.formats).isEmpty();
    }

    @Test
    void an_event_that_cannot_be_formatted_is_left_out_counted_and_the_others_written() {
        RecordedFailures failures = new RecordedFailures();
        Subscription subscription = subscription("Test", files(dir.resolve("1.json").toString(), OutputFormat.Json));
        EventsBatch batch = batch(subscription, List.of("<good/>", "<bad/>", "<good/>"));
        BatchFormats formats = new BatchFormats("node", failures, format -> (metadata, event) -> {
            if (event.raw().equals("<bad/>")) {
                throw new IllegalStateException("cannot render");
            }
            return event.raw();
        });

        assertThat(formats.lines(batch, subscription, OutputFormat.Json)).containsExactly("<good/>", "<good/>");
        assertThat(formats.lines(batch, subscription, OutputFormat.Json)).as("formatted once, counted once")
                .hasSize(2);
        assertThat(failures.formats).containsExactly("Test:Json");
    }

    @Test
    void a_batch_is_formatted_once_per_format_however_many_outputs_share_it() throws Exception {
        Subscription subscription = subscription("Test", files(dir.resolve("1.json").toString(), OutputFormat.Json),
                files(dir.resolve("2.json").toString(), OutputFormat.Json),
                files(dir.resolve("3.nxlog").toString(), OutputFormat.Nxlog));
        EventsBatch batch = batch(subscription, List.of("<Event><System><EventID>1</EventID>"
                + "<Computer>c</Computer></System></Event>"));
        BatchFormats formats = new BatchFormats("node", OutputsAdapter.Failures.NONE);

        List<String> first = formats.lines(batch, subscription, OutputFormat.Json);
        List<String> second = formats.lines(batch, subscription, OutputFormat.Json);
        List<String> nxlog = formats.lines(batch, subscription, OutputFormat.Nxlog);

        assertThat(second).isSameAs(first);
        assertThat(nxlog).isNotSameAs(first);
        assertThat(formats.lines(batch(subscription, batch.events()), subscription, OutputFormat.Json))
                .as("another message with the same events is another batch").isNotSameAs(first)
                .isEqualTo(first);
        assertThat(formats.held()).isEqualTo(2);

        subscription.outputs().forEach(output -> outputs.write(subscription, output, batch));
        assertThat(Files.readString(dir.resolve("1.json"))).isEqualTo(Files.readString(dir.resolve("2.json")));
        assertThat(outputs.heldBatches()).isEqualTo(1);
    }

    @Test
    void an_output_that_is_not_the_subscription_s_is_a_bug_not_an_output_failure() {
        Subscription subscription = subscription("Test", raw(dir.resolve("a.log").toString()));

        assertThatThrownBy(() -> outputs.write(subscription, raw("/elsewhere"), batch(subscription, List.of("<E/>"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void close_stops_the_garbage_collection() {
        assertThat(time.scheduledTasks()).isEqualTo(1);

        outputs.close();

        assertThat(time.scheduledTasks()).isZero();
    }

    @Test
    void settings_refuse_a_zero_garbage_collection_interval() {
        assertThatThrownBy(() -> new OutputsSettings(null, Duration.ZERO, Duration.ofSeconds(600)))
                .hasMessage("[outputs] garbage_collect_interval must be at least 1 second, got 0");
        assertThat(OutputsSettings.defaults("n"))
                .isEqualTo(new OutputsSettings("n", Duration.ofSeconds(600), Duration.ofSeconds(600)));
    }
}
