package org.openwec.adapters.wef;

import java.util.Objects;

/**
 * A request body this codec cannot turn into a {@link WefMessage}, or a message that lacks what its action
 * needs. The {@link Reason} says what was wrong and which HTTP status OpenWEC answers in that case, so that
 * the HTTP layer answers the same without knowing the codec's insides.
 */
public final class WefMessageException extends RuntimeException {

    /** What was wrong with the message; {@link #status} is OpenWEC's HTTP answer to it (server/src/lib.rs, logic.rs at a41b95f). */
    public enum Reason {
        /** No body at all: OpenWEC answers 200 without a body. */
        EMPTY_BODY(200),
        /** A {@code Content-Encoding} other than SLDC. */
        UNSUPPORTED_CONTENT_ENCODING(400),
        /** The decoded body would exceed the size limit the caller set (a decompression bomb, or a real huge batch). */
        TOO_LARGE(400),
        /** SLDC data that does not decompress (only {@link Sldc} reports it; {@link WefCodec} then reads the raw bytes as OpenWEC does). */
        CORRUPT_COMPRESSION(400),
        /** Bytes that are not text in a supported encoding (UTF-32, UTF-16 cut in the middle of a code unit...). */
        UNREADABLE_TEXT(400),
        /** Not well-formed XML, XML nested deeper than any message, or XML with a DTD (refused: no entity is ever expanded). */
        MALFORMED_XML(500),
        /** Well-formed XML but not a SOAP 1.2 envelope with a header. */
        NOT_SOAP(500),
        /** The header has no {@code a:Action}. */
        MISSING_ACTION(500),
        /** The header has no {@code a:MessageID}, which every answer must echo in {@code a:RelatesTo}. */
        MISSING_MESSAGE_ID(500),
        /** An action the collector does not serve. */
        UNKNOWN_ACTION(500),
        /** An {@code e:Identifier} that is not a UUID. */
        MALFORMED_IDENTIFIER(500),
        /** An Events message whose body does not hold the events. */
        MALFORMED_EVENTS(500),
        /** An Events or Heartbeat message without {@code e:Identifier}. */
        MISSING_IDENTIFIER(400),
        /** An Events message without the {@code Version} reference parameter. */
        MISSING_VERSION(400);

        public final int status;

        Reason(int status) {
            this.status = status;
        }
    }

    private final Reason reason;

    public WefMessageException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public WefMessageException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status OpenWEC answers to such a message. */
    public int status() {
        return reason.status;
    }
}
