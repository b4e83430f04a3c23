package org.openwec.adapters.wef;

/**
 * The names of WS-Management as Windows Event Forwarding uses them (OpenWEC server/src/soap.rs at a41b95f;
 * DSP0226 and MS-WSMV for their meaning).
 */
final class Wsman {
    static final String SOAP_ENVELOPE_NS = "http://www.w3.org/2003/05/soap-envelope";
    static final String MACHINE_ID_NS = "http://schemas.microsoft.com/wbem/wsman/1/machineid";
    static final String ADDRESSING_NS = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    static final String WSMAN_NS = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    static final String MS_WSMAN_NS = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";
    static final String SUBSCRIPTION_NS = "http://schemas.microsoft.com/wbem/wsman/1/subscription";
    static final String EVENTING_NS = "http://schemas.xmlsoap.org/ws/2004/08/eventing";
    static final String ENUMERATION_NS = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";
    static final String POLICY_NS = "http://schemas.xmlsoap.org/ws/2002/12/policy";
    static final String AUTH_NS = "http://schemas.microsoft.com/wbem/wsman/1/authentication";
    static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

    static final String ANONYMOUS = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";
    static final String RESOURCE_EVENT_LOG = "http://schemas.microsoft.com/wbem/wsman/1/windows/EventLog";
    static final String EVENT_QUERY_DIALECT = "http://schemas.microsoft.com/win/2004/08/events/eventquery";
    static final String PROFILE_HTTPS_MUTUAL = "http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/mutual";
    static final String PROFILE_SPNEGO_KERBEROS =
            "http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/http/spnego-kerberos";

    static final String ACTION_SUBSCRIBE = "http://schemas.xmlsoap.org/ws/2004/08/eventing/Subscribe";
    static final String ACTION_ENUMERATE_RESPONSE = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/EnumerateResponse";
    static final String ACTION_ACK = "http://schemas.dmtf.org/wbem/wsman/1/wsman/Ack";
    /** Also the delivery mode of a subscription: batches of events, each acknowledged. */
    static final String ACTION_EVENTS = "http://schemas.dmtf.org/wbem/wsman/1/wsman/Events";

    private Wsman() {}
}
