package org.openwec.adapters.wef.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.openwec.adapters.wef.BodyText;
import org.openwec.adapters.wef.DeliveryEndpoint;
import org.openwec.adapters.wef.WefCodec;
import org.openwec.adapters.wef.WefMessage;
import org.openwec.adapters.wef.WefMessageException;
import org.openwec.core.model.EventsBatch;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.in.EnumerateSubscriptions.Offer;
import org.openwec.core.port.in.MachineNotAllowedException;
import org.openwec.core.port.in.OutputFailedException;
import org.openwec.core.port.in.UnknownSubscriptionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request of a machine whose connection is authenticated and whose body is read: decodes it, calls
 * the use case its action asks for, and builds the answer, with the statuses of OpenWEC server/src/lib.rs and
 * logic.rs at a41b95f (docs/reference/server.md §2-4). No Netty here: it runs on a request thread of its own
 * and may block as long as the use case does.
 */
final class MessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MessageHandler.class);

    static final String SUBSCRIPTIONS_PATH = "/wsman/subscriptions/";

    /**
     * A request as the connection read it.
     *
     * @param uri the request target as received: the subscriptions' {@code uri} is compared with it
     * @param contentEncoding the {@code Content-Encoding} header, null when absent
     * @param body the body to read: as received, or decrypted on a Kerberos connection
     * @param received the length of the body as received (encrypted on a Kerberos connection)
     */
    record Request(ClientIdentity client, String ip, String uri, String contentEncoding, byte[] body, long received) {
        Request(ClientIdentity client, String ip, String uri, String contentEncoding, byte[] body) {
            this(client, ip, uri, contentEncoding, body, body.length);
        }
    }

    /**
     * What to send back.
     *
     * @param body the answer's bytes ({@code application/soap+xml;charset=UTF-16}), null for none
     */
    record Answer(int status, byte[] body) {
        static Answer empty(int status) {
            return new Answer(status, null);
        }
    }

    private final CollectorListener listener;
    private final CollectorPorts ports;
    private final WefCodec codec;
    private final ServerMetrics metrics;
    private final Clock clock;

    MessageHandler(CollectorListener listener, CollectorPorts ports, WefCodec codec, ServerMetrics metrics, Clock clock) {
        this.listener = listener;
        this.ports = ports;
        this.codec = codec;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Never throws: every failure is an answer, logged once. */
    Answer handle(Request request) {
        try {
            return answer(request);
        } catch (WefMessageException e) {
            if (e.status() == 200) {
                return Answer.empty(200); // an empty body: nothing to do, as OpenWEC
            }
            return refuse(request, e.status(), e.getMessage());
        } catch (UnknownSubscriptionException e) {
            return refuse(request, 404, e.getMessage());
        } catch (MachineNotAllowedException e) {
            return refuse(request, 403, e.getMessage());
        } catch (OutputFailedException e) {
            // An output could not take the batch: nothing was stored, the machine sends it again (as OpenWEC: 503).
            return refuse(request, 503, e.getMessage());
        } catch (StorageException e) {
            // The machine keeps the batch and sends it again: nothing was acknowledged.
            return refuse(request, 503, e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
        } catch (RuntimeException e) {
            LOG.error("POST {} from {} ({}): 500, the request could not be handled", request.uri(),
                    request.client().machine(), request.ip(), e);
            return Answer.empty(500);
        }
    }

    private Answer answer(Request request) {
        String machine = request.client().machine();
        if (request.received() > 0) {
            metrics.bodyReceived(request.uri(), machine, request.received());
        }
        byte[] payload = codec.payload(request.body(), request.contentEncoding(), listener.maxContentLength());
        metrics.bodyDecoded(request.uri(), machine, payload.length);
        WefMessage message = codec.read(BodyText.decode(payload).text());
        return switch (message.action()) {
            case ENUMERATE -> enumerate(request, message);
            case HEARTBEAT -> heartbeat(request, message);
            case EVENTS -> events(request, message);
            case END, SUBSCRIPTION_END -> Answer.empty(200);
        };
    }

    private Answer enumerate(Request request, WefMessage message) {
        if (isSubscriptionPath(request.uri())) {
            return refuse(request, 400, "an Enumerate message was sent to a subscription's address");
        }
        String hostname = listener.hostname() != null ? listener.hostname() : message.header().toHost().orElse(null);
        if (hostname == null) {
            return refuse(request, 400, "the collector has no hostname setting and the message's a:To ("
                    + message.header().to() + ") names no host");
        }
        List<Offer> offers = ports.enumerate().enumerate(request.client().machine(), message.header().machineId(),
                request.uri());
        metrics.message("enumerate");
        DeliveryEndpoint delivery = new DeliveryEndpoint(hostname, listener.advertizedPort(),
                request.client().authentication());
        LOG.debug("Enumerate from {} ({}) on {}: {} subscription(s) offered", request.client().machine(),
                request.ip(), request.uri(), offers.size());
        return new Answer(200, codec.enumerateResponse(message, offers, delivery));
    }

    private Answer heartbeat(Request request, WefMessage message) {
        ports.heartbeat().record(request.client().machine(), message.header().machineId(), request.ip(),
                message.subscription());
        metrics.message("heartbeat");
        return new Answer(200, codec.ack(message));
    }

    private Answer events(Request request, WefMessage message) {
        String machine = request.client().machine();
        UUID uuid = message.subscription();
        // OpenWEC's order: unknown subscription (404), refused machine (403), then a missing Version (400).
        Subscription subscription = ports.enumerate().activeSubscription(uuid)
                .orElseThrow(() -> new UnknownSubscriptionException(uuid));
        if (!subscription.isActiveFor(machine, message.header().machineId())) {
            throw new MachineNotAllowedException(machine, uuid);
        }
        EventsBatch batch = message.eventsBatch(machine, request.ip(), clock.instant());
        metrics.message("events");
        metrics.events(subscription, machine, batch.events());
        ports.events().record(batch);
        return new Answer(200, codec.ack(message));
    }

    private static Answer refuse(Request request, int status, String why) {
        LOG.warn("POST {} from {} ({}): {}, {}", request.uri(), request.client().machine(), request.ip(), status, why);
        return Answer.empty(status);
    }

    /**
     * Whether the target is a subscription's address, judged on its path as OpenWEC does
     * ({@code req.uri().path()}); an absolute-form target is judged on its path too.
     */
    static boolean isSubscriptionPath(String target) {
        String path = target;
        if (!target.startsWith("/")) {
            try {
                path = new URI(target).getRawPath();
            } catch (URISyntaxException e) {
                return false;
            }
            if (path == null) {
                return false;
            }
        }
        return path.startsWith(SUBSCRIPTIONS_PATH);
    }
}
