package org.openwec.adapters.outputs.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.adapters.outputs.ManualTime;
import org.openwec.adapters.outputs.OutputsAdapter;
import org.openwec.adapters.outputs.OutputsSettings;
import org.openwec.adapters.outputs.event.EventMetadata;
import org.openwec.core.model.EventsBatch;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.OutputPort.OutputException;

/** The UnixDatagram output against real Unix datagram sockets bound in a temporary directory. */
class UnixDatagramSinkTest {
    private static final EventMetadata METADATA = new EventMetadata("10.0.0.1", "m", null, Instant.EPOCH, "U", "V",
            "S", null, null, null);

    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
    private final OutputsAdapter outputs = new OutputsAdapter(
            new OutputsSettings(null, Duration.ofSeconds(600), Duration.ofSeconds(600)), time, time);

    @AfterEach
    void close() {
        outputs.close();
    }

    private Path socketPath() {
        return dir.resolve("events.sock");
    }

    private UnixDatagramSink sink() {
        return new UnixDatagramSink(new OutputDriver.UnixDatagram(socketPath().toString()));
    }

    private static Subscription subscription(String path) {
        return Subscription.create("Unix " + path.length(), "query").withOutputs(List.of(
                new Output(OutputFormat.Raw, new OutputDriver.UnixDatagram(path), true)));
    }

    private static EventsBatch batch(Subscription subscription, List<String> events) {
        return new EventsBatch("m", null, "10.0.0.1", subscription.uuid(), "188BB736-9441-5C66-188B-B73694415C66",
                null, events, "<BookmarkList/>", Instant.parse("2024-03-14T13:54:20.331Z"));
    }

    @Test
    void each_event_is_one_datagram_in_the_batch_s_order_without_a_line_feed_over_one_kept_socket() throws Exception {
        try (DatagramReceiver receiver = DatagramReceiver.bind(socketPath()); UnixDatagramSink sink = sink()) {
            sink.write(METADATA, List.of("<a/>", "<b>é ✓</b>", "<c>\nmulti-line\n</c>"));
            sink.write(METADATA, List.of("<d/>"));

            assertThat(receiver.take(4)).containsExactly("<a/>", "<b>é ✓</b>", "<c>\nmulti-line\n</c>", "<d/>");
            receiver.assertNothingElse();
            assertThat(sink.connections()).isEqualTo(1);
        }
    }

    @Test
    void a_missing_receiver_fails_the_batch_and_the_next_batch_connects_once_it_is_there() throws Exception {
        try (UnixDatagramSink sink = sink()) {
            assertThatThrownBy(() -> sink.write(METADATA, List.of("<lost/>")))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("Failed to connect to " + socketPath() + ": ");

            DatagramReceiver.bind(socketPath()).close(); // stopped: its socket file is left behind
            assertThatThrownBy(() -> sink.write(METADATA, List.of("<lost/>")))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("Failed to connect to " + socketPath() + ": ");

            try (DatagramReceiver receiver = DatagramReceiver.bind(socketPath())) {
                sink.write(METADATA, List.of("<resent/>"));
                assertThat(receiver.take(1)).containsExactly("<resent/>");
                receiver.assertNothingElse();
            }
        }
    }

    @Test
    void a_restarted_receiver_gets_the_next_batch_on_a_new_socket_without_a_failure() throws Exception {
        try (UnixDatagramSink sink = sink()) {
            try (DatagramReceiver first = DatagramReceiver.bind(socketPath())) {
                sink.write(METADATA, List.of("<before/>"));
                assertThat(first.take(1)).containsExactly("<before/>");
            }
            try (DatagramReceiver restarted = DatagramReceiver.bind(socketPath())) {
                sink.write(METADATA, List.of("<after-1/>", "<after-2/>"));

                assertThat(restarted.take(2)).containsExactly("<after-1/>", "<after-2/>");
                restarted.assertNothingElse();
            }
            assertThat(sink.connections()).isEqualTo(2);
        }
    }

    @Test
    void a_receiver_gone_for_good_fails_the_batch() throws Exception {
        try (UnixDatagramSink sink = sink()) {
            try (DatagramReceiver receiver = DatagramReceiver.bind(socketPath())) {
                sink.write(METADATA, List.of("<one/>"));
                receiver.take(1);
            }

            assertThatThrownBy(() -> sink.write(METADATA, List.of("<two/>")))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("Failed to connect to " + socketPath() + ": ");
        }
    }

    @Test
    void an_event_too_large_for_a_datagram_fails_its_batch_naming_it_and_the_next_batch_reconnects() throws Exception {
        String huge = "x".repeat(4 * 1024 * 1024); // beyond any default socket send buffer
        try (DatagramReceiver receiver = DatagramReceiver.bind(socketPath()); UnixDatagramSink sink = sink()) {
            assertThatThrownBy(() -> sink.write(METADATA, List.of("<small/>", huge, "<after/>")))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("Failed to write to UnixDatagram (" + socketPath() + "), event 2 of 3 ("
                            + huge.length() + " bytes): ");
            // as in the reference, what was sent before the failure stays sent: the machine's resend repeats it
            assertThat(receiver.take(1)).containsExactly("<small/>");

            sink.write(METADATA, List.of("<next/>"));

            assertThat(receiver.take(1)).containsExactly("<next/>");
            receiver.assertNothingElse();
            assertThat(sink.connections()).isEqualTo(2);
        }
    }

    @Test
    void a_path_that_cannot_be_a_socket_s_address_is_refused_before_any_batch() {
        List<String> problems = OutputsAdapter.unsupportedOutputs(List.of(
                subscription(""), subscription("/tmp/" + "x".repeat(300)), subscription(socketPath().toString())));

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).endsWith("output 0 (UnixDatagram, Raw): UnixDatagram path is empty: set it to the"
                + " receiver's socket");
        assertThat(problems.get(1)).contains("output 0 (UnixDatagram, Raw): UnixDatagram path \"/tmp/xxx")
                .contains("cannot be a socket's address: ");
    }

    @Test
    void through_the_port_the_socket_is_kept_between_batches_and_a_failure_is_an_output_exception()
            throws Exception {
        Subscription subscription = subscription(socketPath().toString());
        Output output = subscription.outputs().get(0);
        assertThat(OutputsAdapter.unsupportedOutputs(List.of(subscription))).isEmpty();

        assertThatThrownBy(() -> outputs.write(subscription, output, batch(subscription, List.of("<lost/>"))))
                .isInstanceOf(OutputException.class)
                .hasMessageStartingWith("subscription \"" + subscription.name() + "\" (" + subscription.storedKey()
                        + "), output 0 (UnixDatagram, Raw): Failed to connect to " + socketPath() + ": ");

        try (DatagramReceiver receiver = DatagramReceiver.bind(socketPath())) {
            outputs.write(subscription, output, batch(subscription, List.of("<1/>", "<2/>")));
            outputs.write(subscription, output, batch(subscription, List.of("<3/>")));
            assertThat(receiver.take(3)).containsExactly("<1/>", "<2/>", "<3/>");
            assertThat(outputs.outputInstances()).isEqualTo(1);
        }
        try (DatagramReceiver restarted = DatagramReceiver.bind(socketPath())) {
            outputs.write(subscription, output, batch(subscription, List.of("<4/>")));
            assertThat(restarted.take(1)).containsExactly("<4/>");

            outputs.reopen(); // SIGHUP closes the socket; the next batch connects again
            assertThat(outputs.outputInstances()).isZero();
            outputs.write(subscription, output, batch(subscription, List.of("<5/>")));
            assertThat(restarted.take(1)).containsExactly("<5/>");
            restarted.assertNothingElse();
        }
    }
}
