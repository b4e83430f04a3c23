package org.openwec.adapters.wef;

import java.util.Arrays;
import java.util.Optional;

/** The actions a machine sends to a collector (OpenWEC server/src/logic.rs at a41b95f serves exactly these). */
public enum WefAction {
    /** Which subscriptions should I run? Answered with an EnumerateResponse. */
    ENUMERATE("http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate"),
    /** A batch of events and the bookmark after them. Answered with an Ack. */
    EVENTS(Wsman.ACTION_EVENTS),
    /** Alive, nothing to send. Answered with an Ack. */
    HEARTBEAT("http://schemas.dmtf.org/wbem/wsman/1/wsman/Heartbeat"),
    /** The connection ends. Answered 200 without a body. */
    END("http://schemas.microsoft.com/wbem/wsman/1/wsman/End"),
    /** The machine gives a subscription up. Answered 200 without a body. */
    SUBSCRIPTION_END("http://schemas.xmlsoap.org/ws/2004/08/eventing/SubscriptionEnd");

    private final String uri;

    WefAction(String uri) {
        this.uri = uri;
    }

    /** The {@code a:Action} URI. */
    public String uri() {
        return uri;
    }

    /** Matched exactly, as OpenWEC does. */
    public static Optional<WefAction> ofUri(String uri) {
        return Arrays.stream(values()).filter(action -> action.uri.equals(uri)).findFirst();
    }
}
