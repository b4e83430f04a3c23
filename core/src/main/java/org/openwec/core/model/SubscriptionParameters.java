package org.openwec.core.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;

/**
 * The parameters of a subscription that Windows clients see. They, and only they, make up the public
 * version. Integer ranges are the reference's Rust types: u32 parameters are held in a {@code long},
 * the retry count (u16) in an {@code int}.
 *
 * @param maxElements null when not configured
 * @param locale null when not configured
 * @param dataLocale null when not configured
 */
public record SubscriptionParameters(
        String name,
        String query,
        long heartbeatInterval,
        int connectionRetryCount,
        long connectionRetryInterval,
        long maxTime,
        Long maxElements,
        long maxEnvelopeSize,
        boolean readExistingEvents,
        ContentFormat contentFormat,
        boolean ignoreChannelError,
        String locale,
        String dataLocale) {

    public static final long U32_MAX = 0xFFFF_FFFFL;
    public static final int U16_MAX = 0xFFFF;

    public SubscriptionParameters {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(contentFormat, "contentFormat");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A subscription name must not be blank");
        }
        requireU32("heartbeat_interval", heartbeatInterval);
        requireU16("connection_retry_count", connectionRetryCount);
        requireU32("connection_retry_interval", connectionRetryInterval);
        requireU32("max_time", maxTime);
        if (maxElements != null) {
            requireU32("max_elements", maxElements);
        }
        requireU32("max_envelope_size", maxEnvelopeSize);
    }

    /** The reference's defaults for a brand-new subscription. */
    public static SubscriptionParameters defaults(String name, String query) {
        return new SubscriptionParameters(name, query, 3600, 5, 60, 30, null, 512_000, false,
                ContentFormat.Raw, true, null, null);
    }

    public static void requireU32(String what, long value) {
        if (value < 0 || value > U32_MAX) {
            throw new IllegalArgumentException(what + " must be between 0 and " + U32_MAX + ", got " + value);
        }
    }

    public static void requireU16(String what, long value) {
        if (value < 0 || value > U16_MAX) {
            throw new IllegalArgumentException(what + " must be between 0 and " + U16_MAX + ", got " + value);
        }
    }

    public SubscriptionParameters withName(String v) {
        return new SubscriptionParameters(v, query, heartbeatInterval, connectionRetryCount, connectionRetryInterval,
                maxTime, maxElements, maxEnvelopeSize, readExistingEvents, contentFormat, ignoreChannelError, locale, dataLocale);
    }

    public SubscriptionParameters withQuery(String v) {
        return new SubscriptionParameters(name, v, heartbeatInterval, connectionRetryCount, connectionRetryInterval,
                maxTime, maxElements, maxEnvelopeSize, readExistingEvents, contentFormat, ignoreChannelError, locale, dataLocale);
    }

    public SubscriptionParameters withHeartbeatInterval(long v) {
        return new SubscriptionParameters(name, query, v, connectionRetryCount, connectionRetryInterval,
                maxTime, maxElements, maxEnvelopeSize, readExistingEvents, contentFormat, ignoreChannelError, locale, dataLocale);
    }

    public SubscriptionParameters withConnectionRetryCount(int v) {
        return new SubscriptionParameters(name, query, heartbeatInterval, v, connectionRetryInterval,
                maxTime, maxElements, maxEnvelopeSize, readExistingEvents, contentFormat, ignoreChannelError, locale, dataLocale);
    }

    public SubscriptionParameters withConnectionRetryInterval(long v) {
        return new SubscriptionParameters(name, query, heartbeatInterval, connectionRetryCount, v,
                maxTime, maxElements, maxEnvelopeSize, readExistingEvents, contentFormat, ignoreChannelError, locale, dataLocale);
    }

    public SubscriptionParameters withMaxTime(long v) {
        return new SubscriptionParameters(name, query, heartbeatInterval, connectionRetryCount, connectionRetryInterval,
                v, maxElements, maxEnvelopeSize, readExistingEvents, contentFormat, ignoreChannelError, locale, dataLocale);
    }

    public SubscriptionParameters withMaxElements(Long v) {
        return new SubscriptionParameters(name, query, heartbeatInterval, connectionRetryCount, connectionRetryInterval,
                maxTime, v, maxEnvelopeSize, readExistingEvents, contentFormat, ignoreChannelError, locale, dataLocale);
    }

    public SubscriptionParameters withMaxEnvelopeSize(long v) {
        return new SubscriptionParameters(name, query, heartbeatInterval, connectionRetryCount, connectionRetryInterval,
                maxTime, maxElements, v, readExistingEvents, contentFormat, ignoreChannelError, locale, dataLocale);
    }

    public SubscriptionParameters withReadExistingEvents(boolean v) {
        return new SubscriptionParameters(name, query, heartbeatInterval, connectionRetryCount, connectionRetryInterval,
                maxTime, maxElements, maxEnvelopeSize, v, contentFormat, ignoreChannelError, locale, dataLocale);
    }

    public SubscriptionParameters withContentFormat(ContentFormat v) {
        return new SubscriptionParameters(name, query, heartbeatInterval, connectionRetryCount, connectionRetryInterval,
                maxTime, maxElements, maxEnvelopeSize, readExistingEvents, v, ignoreChannelError, locale, dataLocale);
    }

    public SubscriptionParameters withIgnoreChannelError(boolean v) {
        return new SubscriptionParameters(name, query, heartbeatInterval, connectionRetryCount, connectionRetryInterval,
                maxTime, maxElements, maxEnvelopeSize, readExistingEvents, contentFormat, v, locale, dataLocale);
    }

    public SubscriptionParameters withLocale(String v) {
        return new SubscriptionParameters(name, query, heartbeatInterval, connectionRetryCount, connectionRetryInterval,
                maxTime, maxElements, maxEnvelopeSize, readExistingEvents, contentFormat, ignoreChannelError, v, dataLocale);
    }

    public SubscriptionParameters withDataLocale(String v) {
        return new SubscriptionParameters(name, query, heartbeatInterval, connectionRetryCount, connectionRetryInterval,
                maxTime, maxElements, maxEnvelopeSize, readExistingEvents, contentFormat, ignoreChannelError, locale, v);
    }

    /**
     * The version Windows clients compare to decide whether to re-fetch the subscription.
     * It must be bit-identical to the reference's, which hashes the bytes Rust's derived {@code Hash}
     * feeds for these fields on a 64-bit little-endian machine (docs/reference/stored-formats.md §2.3):
     * changing a byte here makes every client re-subscribe.
     */
    public UUID publicVersion() {
        ByteBuffer bytes = ByteBuffer.allocate(256 + utf8Length()).order(ByteOrder.LITTLE_ENDIAN);
        putString(bytes, name);
        putString(bytes, query);
        bytes.putInt((int) heartbeatInterval);
        bytes.putShort((short) connectionRetryCount);
        bytes.putInt((int) connectionRetryInterval);
        bytes.putInt((int) maxTime);
        if (maxElements == null) {
            bytes.putLong(0);
        } else {
            bytes.putLong(1).putInt((int) (long) maxElements);
        }
        bytes.putInt((int) maxEnvelopeSize);
        bytes.put((byte) (readExistingEvents ? 1 : 0));
        bytes.putLong(contentFormat.ordinal());
        bytes.put((byte) (ignoreChannelError ? 1 : 0));
        putOptionalString(bytes, locale);
        putOptionalString(bytes, dataLocale);

        byte[] digest = sha256(bytes.array(), bytes.position());
        long h = ByteBuffer.wrap(digest, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return new UUID(h, h);
    }

    private int utf8Length() {
        return bytesOf(name).length + bytesOf(query) .length
                + (locale == null ? 0 : bytesOf(locale).length)
                + (dataLocale == null ? 0 : bytesOf(dataLocale).length);
    }

    private static byte[] bytesOf(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void putString(ByteBuffer bytes, String s) {
        bytes.put(bytesOf(s)).put((byte) 0xFF);
    }

    private static void putOptionalString(ByteBuffer bytes, String s) {
        if (s == null) {
            bytes.putLong(0);
        } else {
            bytes.putLong(1);
            putString(bytes, s);
        }
    }

    private static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
