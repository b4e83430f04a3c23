package org.openwec.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.ClientFilter;
import org.openwec.core.model.ClientFilterFlags;
import org.openwec.core.model.ClientFilterKind;
import org.openwec.core.model.ClientFilterOperation;
import org.openwec.core.model.ContentFormat;
import org.openwec.core.model.HeartbeatRecord;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;

/** The per-table checksum of {@code db copy}: order-independent, exact, and sensitive to every stored value. */
class RowChecksumTest {
    private static final UUID SUB = UUID.fromString("6b1c5e48-3d2f-4c0e-9a8b-0f1e2d3c4b5a");

    @Test
    void theSumDoesNotDependOnTheOrderOfTheRows() {
        List<Bookmark> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rows.add(new Bookmark("machine-" + i, SUB, "<bookmark " + i + "/>"));
        }
        RowChecksum forward = new RowChecksum();
        rows.forEach(forward::add);
        Collections.shuffle(rows, new Random(42));
        RowChecksum shuffled = new RowChecksum();
        rows.forEach(shuffled::add);

        assertThat(shuffled.hex()).isEqualTo(forward.hex()).hasSize(32).isNotEqualTo("0".repeat(32));
        assertThat(shuffled.rows()).isEqualTo(forward.rows()).isEqualTo(1_000);
    }

    @Test
    void theSumIsTheSumModulo2To128OfTheFirst16BytesOfEachSha256() throws Exception {
        RowChecksum sum = new RowChecksum();
        BigInteger expected = BigInteger.ZERO;
        BigInteger modulus = BigInteger.ONE.shiftLeft(128);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        // Enough rows that the low 64 bits overflow many times (the carry) and the high ones too (the modulus).
        for (int i = 0; i < 5_000; i++) {
            String text = "row " + i;
            sum.addText(text);
            byte[] digest = sha.digest(text.getBytes(StandardCharsets.UTF_8));
            expected = expected.add(new BigInteger(1, Arrays.copyOf(digest, 16))).mod(modulus);
        }
        assertThat(sum.hex()).isEqualTo(String.format("%032x", expected));
    }

    @Test
    void aRepeatedRowIsCountedTwiceNotCancelled() {
        Bookmark b = new Bookmark("m", SUB, "x");
        assertThat(new RowChecksum().add(b).add(b).hex()).isNotEqualTo(new RowChecksum().hex());
    }

    @Test
    void noRowsIsZero() {
        assertThat(new RowChecksum().hex()).isEqualTo("0".repeat(32));
    }

    @Test
    void valuesAreDelimitedSoThatShiftingTextBetweenFieldsChangesTheHash() {
        assertThat(RowChecksum.canonical(new Bookmark("ab", SUB, "c")))
                .isNotEqualTo(RowChecksum.canonical(new Bookmark("a", SUB, "bc")));
        assertThat(RowChecksum.canonical(new HeartbeatRecord("m", SUB, "ip", null, 1L, 2L)))
                .isNotEqualTo(RowChecksum.canonical(new HeartbeatRecord("m", SUB, "ip", 1L, null, 2L)));
        Subscription s = Subscription.create("n", "q");
        assertThat(RowChecksum.canonical(s.withRevision("~")))
                .isNotEqualTo(RowChecksum.canonical(new Subscription(s.uuid(), s.internalVersion(), null, s.uri(),
                        s.enabled(), s.parameters(), s.clientFilter(), s.outputs())));
    }

    @Test
    void theBookmarkTextUsesTheLowerCaseUuid() {
        assertThat(RowChecksum.canonical(new Bookmark("m", SUB, "x"))).contains(SUB.toString());
    }

    @Test
    void everyValueOfASubscriptionCountsKafkaOptionsInAnyOrder() {
        Subscription base = full();
        SubscriptionParameters p = base.parameters();
        List<Subscription> variants = List.of(
                base.withNewUuid(),
                base.withNewInternalVersion(),
                keepVersion(base, base.withRevision("other")),
                keepVersion(base, base.withUri("/other")),
                keepVersion(base, base.withEnabled(true)),
                keepVersion(base, base.withParameters(p.withName("other"))),
                keepVersion(base, base.withParameters(p.withQuery("other"))),
                keepVersion(base, base.withParameters(p.withHeartbeatInterval(1))),
                keepVersion(base, base.withParameters(p.withConnectionRetryCount(1))),
                keepVersion(base, base.withParameters(p.withConnectionRetryInterval(1))),
                keepVersion(base, base.withParameters(p.withMaxTime(1))),
                keepVersion(base, base.withParameters(p.withMaxElements(null))),
                keepVersion(base, base.withParameters(p.withMaxEnvelopeSize(1))),
                keepVersion(base, base.withParameters(p.withReadExistingEvents(false))),
                keepVersion(base, base.withParameters(p.withContentFormat(ContentFormat.Raw))),
                keepVersion(base, base.withParameters(p.withIgnoreChannelError(true))),
                keepVersion(base, base.withParameters(p.withLocale(null))),
                keepVersion(base, base.withParameters(p.withDataLocale("de-DE"))),
                keepVersion(base, base.withClientFilter(null)),
                keepVersion(base, base.withClientFilter(ClientFilter.of(ClientFilterOperation.Only,
                        ClientFilterKind.Client, new ClientFilterFlags(true, false), List.of("a", "b")))),
                keepVersion(base, base.withClientFilter(ClientFilter.of(ClientFilterOperation.Except,
                        ClientFilterKind.MachineID, new ClientFilterFlags(true, false), List.of("a", "b")))),
                keepVersion(base, base.withClientFilter(ClientFilter.of(ClientFilterOperation.Except,
                        ClientFilterKind.Client, ClientFilterFlags.fromBits(3), List.of("a", "b")))),
                keepVersion(base, base.withClientFilter(ClientFilter.of(ClientFilterOperation.Except,
                        ClientFilterKind.Client, new ClientFilterFlags(true, false), List.of("a", "c")))),
                keepVersion(base, base.withOutputs(base.outputs().subList(1, base.outputs().size()))),
                keepVersion(base, base.withOutputs(replaceFirst(base, new Output(OutputFormat.Json,
                        new OutputDriver.Files("/other"), true)))),
                keepVersion(base, base.withOutputs(replaceFirst(base, base.outputs().get(0).withEnabled(false)))),
                keepVersion(base, base.withOutputs(replaceFirst(base, new Output(OutputFormat.Json,
                        base.outputs().get(0).driver(), true)))),
                keepVersion(base, base.withOutputs(List.of(new Output(OutputFormat.Json,
                        new OutputDriver.Kafka("t", Map.of("a", "1", "b", "3")), true)))),
                keepVersion(base, base.withOutputs(List.of(new Output(OutputFormat.Json,
                        new OutputDriver.Tcp("h", 1, true, List.of("ca2", "ca1"), "c", "k"), true)))),
                keepVersion(base, base.withOutputs(List.of(new Output(OutputFormat.Json,
                        new OutputDriver.Tcp("h", 1, true, List.of("ca1", "ca2"), null, "k"), true)))),
                keepVersion(base, base.withOutputs(List.of(new Output(OutputFormat.Json,
                        new OutputDriver.Redis("a", "other"), true)))),
                keepVersion(base, base.withOutputs(List.of(new Output(OutputFormat.Json,
                        new OutputDriver.UnixDatagram("/other"), true)))));

        Set<String> texts = new HashSet<>();
        texts.add(RowChecksum.canonical(base));
        texts.add(RowChecksum.canonical(keepVersion(base, base.withOutputs(List.of(new Output(OutputFormat.Json,
                new OutputDriver.Kafka("t", Map.of("a", "1", "b", "2")), true))))));
        texts.add(RowChecksum.canonical(keepVersion(base, base.withOutputs(List.of(new Output(OutputFormat.Json,
                new OutputDriver.Tcp("h", 1, true, List.of("ca1", "ca2"), "c", "k"), true))))));
        variants.forEach(v -> assertThat(texts.add(RowChecksum.canonical(v))).as(v.toString()).isTrue());

        // The same Kafka options in another insertion order are the same row.
        Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("b", "2");
        options.put("a", "1");
        assertThat(texts).contains(RowChecksum.canonical(keepVersion(base, base.withOutputs(List.of(new Output(
                OutputFormat.Json, new OutputDriver.Kafka("t", options), true))))));
    }

    private static List<Output> replaceFirst(Subscription s, Output first) {
        List<Output> outputs = new ArrayList<>(s.outputs());
        outputs.set(0, first);
        return outputs;
    }

    /** The with... methods renew the internal version: put the base's back so only the intended value differs. */
    private static Subscription keepVersion(Subscription base, Subscription changed) {
        return new Subscription(changed.uuid(), base.internalVersion(), changed.revision(), changed.uri(),
                changed.enabled(), changed.parameters(), changed.clientFilter(), changed.outputs());
    }

    static Subscription full() {
        SubscriptionParameters p = new SubscriptionParameters("full", "<QueryList/>", 1234, 3, 54321, 25000, 10L,
                7777, true, ContentFormat.RenderedText, false, "fr-FR", "en-US");
        return new Subscription(UUID.randomUUID(), UUID.randomUUID(), "rev", "/uri", false, p,
                ClientFilter.of(ClientFilterOperation.Except, ClientFilterKind.Client, new ClientFilterFlags(true, false),
                        List.of("a", "b")),
                List.of(new Output(OutputFormat.Raw, new OutputDriver.Files("/var/log/{ip}/messages"), true),
                        new Output(OutputFormat.RawJson, new OutputDriver.Kafka("t", Map.of("a", "1")), true),
                        new Output(OutputFormat.Nxlog, new OutputDriver.Redis("a", "l"), false)));
    }
}
