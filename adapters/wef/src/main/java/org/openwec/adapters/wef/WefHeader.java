package org.openwec.adapters.wef;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the collector reads from a request's {@code s:Header}. Texts are kept as sent (a pretty-printed
 * {@code m:MachineID} keeps its line break, as in OpenWEC); null means the element was absent or empty.
 *
 * @param messageId {@code a:MessageID}, echoed in the answer's {@code a:RelatesTo}; never null
 * @param to {@code a:To}: the URL the machine posted to
 * @param replyTo {@code a:ReplyTo/a:Address}, where the answer goes (anonymous: on the same connection)
 * @param resourceUri {@code w:ResourceURI}
 * @param machineId {@code m:MachineID}: the machine's own DNS name, which client filters may match
 * @param operationId {@code p:OperationID}
 * @param subscription {@code e:Identifier}, the reference parameter naming the subscription (any case)
 * @param version the {@code Version} reference parameter: the subscription's public version the machine runs
 * @param revision the {@code Revision} reference parameter
 * @param bookmark the first element inside {@code w:Bookmark}, exactly as it appears in the message
 *                 ({@code <BookmarkList>...</BookmarkList>}): stored and sent back as is
 * @param ackRequested whether {@code w:AckRequested} was present
 */
public record WefHeader(String messageId, String to, String replyTo, String resourceUri, String machineId,
                        String operationId, UUID subscription, String version, String revision, String bookmark,
                        boolean ackRequested) {

    public WefHeader {
        Objects.requireNonNull(messageId, "messageId");
    }

    /** Where the answer is addressed: {@code a:ReplyTo}, or the anonymous role when absent (as OpenWEC). */
    public String replyToOrAnonymous() {
        return replyTo == null ? Wsman.ANONYMOUS : replyTo;
    }

    /**
     * The host part of {@code a:To}: the collector's name as the machine knows it, which OpenWEC puts in
     * subscription addresses when {@code collector.hostname} is not configured. Empty when {@code a:To} is
     * absent or not a URL with a host.
     */
    public Optional<String> toHost() {
        if (to == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(new URI(to.strip()).getHost());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
