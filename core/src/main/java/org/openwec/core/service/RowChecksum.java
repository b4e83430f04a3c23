package org.openwec.core.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.ClientFilter;
import org.openwec.core.model.HeartbeatRecord;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;

/**
 * An order-independent checksum of a set of rows: the sum, modulo 2^128, of a 128-bit hash of each row
 * (the first 16 bytes of the SHA-256 of its canonical text). Two databases hold the same rows exactly when
 * (barring a hash collision) their counts and sums agree, whatever order each backend lists them in
 * (SQLite compares text bytewise, PostgreSQL by its collation). A sum, unlike a XOR, does not cancel out
 * a row that appears twice.
 *
 * <p>The canonical text of a row is every stored value of the model, in a fixed order, each one
 * length-prefixed (or {@code ~} for null), so that no two different rows share a text. It is computed from
 * the model, not from the backend's columns: a row that reads back as the same model value on both
 * backends has the same hash on both.
 */
public final class RowChecksum {
    private final MessageDigest sha256;
    private long rows;
    private long high;
    private long low;

    public RowChecksum() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The number of rows added. */
    public long rows() {
        return rows;
    }

    /** The sum as 32 lower-case hex digits; all zeros for no row. */
    public String hex() {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }

    public RowChecksum add(Subscription s) {
        return addText(canonical(s));
    }

    public RowChecksum add(Bookmark b) {
        return addText(canonical(b));
    }

    public RowChecksum add(HeartbeatRecord h) {
        return addText(canonical(h));
    }

    /** Adds the row whose canonical text this is (visible for tests of the sum itself). */
    RowChecksum addText(String canonical) {
        byte[] digest = sha256.digest(canonical.getBytes(StandardCharsets.UTF_8));
        long hashHigh = 0;
        long hashLow = 0;
        for (int i = 0; i < 8; i++) {
            hashHigh = (hashHigh << 8) | (digest[i] & 0xFF);
            hashLow = (hashLow << 8) | (digest[8 + i] & 0xFF);
        }
        long sumLow = low + hashLow;
        long carry = Long.compareUnsigned(sumLow, low) < 0 ? 1 : 0;
        low = sumLow;
        high = high + hashHigh + carry;
        rows++;
        return this;
    }

    // ------------------------------------------------------------------ canonical texts

    static String canonical(Bookmark b) {
        return new Canonical("bookmark").text(b.machine()).uuid(b.subscription()).text(b.bookmark()).done();
    }

    static String canonical(HeartbeatRecord h) {
        return new Canonical("heartbeat").text(h.machine()).uuid(h.subscription()).text(h.ip())
                .number(h.firstSeen()).number(h.lastSeen()).number(h.lastEventSeen()).done();
    }

    static String canonical(Subscription s) {
        SubscriptionParameters p = s.parameters();
        Canonical c = new Canonical("subscription")
                .uuid(s.uuid()).uuid(s.internalVersion()).text(s.revision()).text(s.uri()).flag(s.enabled())
                .text(p.name()).text(p.query()).number(p.heartbeatInterval()).number((long) p.connectionRetryCount())
                .number(p.connectionRetryInterval()).number(p.maxTime()).number(p.maxElements())
                .number(p.maxEnvelopeSize()).flag(p.readExistingEvents()).text(p.contentFormat().name())
                .flag(p.ignoreChannelError()).text(p.locale()).text(p.dataLocale());
        ClientFilter f = s.clientFilter();
        if (f == null) {
            c.text(null);
        } else {
            c.text("filter").text(f.operation().name()).text(f.kind().name()).number((long) f.flags().bits())
                    .number((long) f.targets().size());
            f.targets().forEach(c::text);
        }
        c.number((long) s.outputs().size());
        for (Output o : s.outputs()) {
            c.text(o.format().name()).flag(o.enabled()).text(o.driver().storedName());
            switch (o.driver()) {
                case OutputDriver.Files d -> c.text(d.path());
                case OutputDriver.Kafka d -> {
                    c.text(d.topic()).number((long) d.options().size());
                    for (Map.Entry<String, String> e : new TreeMap<>(d.options()).entrySet()) {
                        c.text(e.getKey()).text(e.getValue());
                    }
                }
                case OutputDriver.Tcp d -> {
                    c.text(d.host()).number((long) d.port()).flag(d.tlsEnabled())
                            .number((long) d.tlsCertificateAuthorities().size());
                    d.tlsCertificateAuthorities().forEach(c::text);
                    c.text(d.tlsCertificate()).text(d.tlsKey());
                }
                case OutputDriver.Redis d -> c.text(d.addr()).text(d.list());
                case OutputDriver.UnixDatagram d -> c.text(d.path());
            }
        }
        return c.done();
    }

    /** Builds a canonical text: each value as {@code <length>:<value>}, null as {@code ~}. */
    private static final class Canonical {
        private final StringBuilder b = new StringBuilder(128);

        Canonical(String kind) {
            text(kind);
        }

        Canonical text(String value) {
            if (value == null) {
                b.append('~');
            } else {
                b.append(value.length()).append(':').append(value);
            }
            return this;
        }

        Canonical uuid(UUID value) {
            return text(value == null ? null : value.toString());
        }

        Canonical number(Long value) {
            return text(value == null ? null : value.toString());
        }

        Canonical flag(boolean value) {
            return text(value ? "true" : "false");
        }

        String done() {
            return b.toString();
        }
    }
}
