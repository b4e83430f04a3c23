package org.openwec.adapters.wef;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.openwec.core.port.in.EnumerateSubscriptions.Offer;

/**
 * What the HTTP layer of the collector calls: request bodies in, {@link WefMessage}s out; answers built as
 * the bytes to send with {@code Content-Type: }{@link BodyText#CONTENT_TYPE}. Thread-safe.
 *
 * <p>Every failure to understand a body is a {@link WefMessageException} whose reason carries the HTTP status
 * OpenWEC answers with; nothing else is thrown for bad input.
 */
public final class WefCodec {

    private final Responses responses;

    /** Message IDs from random UUIDs, as OpenWEC. */
    public WefCodec() {
        this(UUID::randomUUID);
    }

    /** @param messageIds the UUIDs of the {@code a:MessageID}s and {@code p:OperationID}s of answers */
    public WefCodec(Supplier<UUID> messageIds) {
        this.responses = new Responses(messageIds);
    }

    /**
     * Decodes and reads a request body.
     *
     * @param contentEncoding the {@code Content-Encoding} header, null when absent
     * @param maxDecodedSize the most bytes the body may hold once decompressed (the collector's
     *                       {@code max_content_length} is the natural choice)
     */
    public WefMessage parse(byte[] body, String contentEncoding, int maxDecodedSize) {
        return read(decode(body, contentEncoding, maxDecodedSize).text());
    }

    /**
     * The body as text. SLDC data that does not decompress is read as it is, the way OpenWEC does
     * (server/src/tls.rs at a41b95f), because Windows labels some uncompressed End messages SLDC; a body that
     * decompresses past the limit is refused, never read raw.
     */
    public BodyText decode(byte[] body, String contentEncoding, int maxDecodedSize) {
        return BodyText.decode(payload(body, contentEncoding, maxDecodedSize));
    }

    /**
     * The body's bytes once decompressed, before they are read as text: {@link #decode} without its last step,
     * for a caller that counts them (OpenWEC's {@code openwec_http_request_body_real_size_bytes_total}).
     */
    public byte[] payload(byte[] body, String contentEncoding, int maxDecodedSize) {
        if (body.length == 0) {
            throw new WefMessageException(WefMessageException.Reason.EMPTY_BODY, "The request body is empty");
        }
        byte[] bytes = body;
        if (contentEncoding != null && !contentEncoding.isBlank()) {
            if (!contentEncoding.strip().toUpperCase(Locale.ROOT).equals("SLDC")) {
                throw new WefMessageException(WefMessageException.Reason.UNSUPPORTED_CONTENT_ENCODING,
                        "Content-Encoding " + contentEncoding + " is not supported: only SLDC is");
            }
            try {
                bytes = Sldc.decompress(body, maxDecodedSize);
            } catch (WefMessageException e) {
                if (e.reason() != WefMessageException.Reason.CORRUPT_COMPRESSION) {
                    throw e;
                }
            }
        }
        if (bytes.length > maxDecodedSize) {
            throw new WefMessageException(WefMessageException.Reason.TOO_LARGE, "The request body holds "
                    + bytes.length + " bytes, more than the " + maxDecodedSize + " allowed");
        }
        return bytes;
    }

    /** Reads a body already decoded to text. */
    public WefMessage read(String text) {
        return SoapReader.read(text);
    }

    /**
     * The answer to an Enumerate message.
     *
     * @param offers the subscriptions to offer, in the order given (see
     *               {@link org.openwec.core.port.in.EnumerateSubscriptions#enumerate})
     */
    public byte[] enumerateResponse(WefMessage request, List<Offer> offers, DeliveryEndpoint delivery) {
        return BodyText.encode(enumerateResponseXml(request, offers, delivery));
    }

    /** The answer to an Events or Heartbeat message. */
    public byte[] ack(WefMessage request) {
        return BodyText.encode(ackXml(request));
    }

    /** {@link #enumerateResponse} as text, for logs and tests. */
    public String enumerateResponseXml(WefMessage request, List<Offer> offers, DeliveryEndpoint delivery) {
        if (request.action() != WefAction.ENUMERATE) {
            throw new IllegalArgumentException("An EnumerateResponse answers an Enumerate message, not " + request.action());
        }
        return responses.enumerateResponse(request.header(), offers, delivery);
    }

    /** {@link #ack} as text, for logs and tests. */
    public String ackXml(WefMessage request) {
        if (request.action() != WefAction.EVENTS && request.action() != WefAction.HEARTBEAT) {
            throw new IllegalArgumentException("An Ack answers an Events or Heartbeat message, not " + request.action());
        }
        return responses.ack(request.header());
    }
}
