/**
 * The WS-Management messages of Windows Event Forwarding, as bytes on the wire and back: request bodies
 * decoded (SLDC, UTF-16/UTF-8) and read with StAX into {@link org.openwec.adapters.wef.WefMessage}s, and the
 * EnumerateResponse and Ack answers built, for the {@code openwecd} HTTP layer. No I/O, no HTTP, no TLS.
 */
package org.openwec.adapters.wef;
