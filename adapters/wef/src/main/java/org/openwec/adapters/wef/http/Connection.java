package org.openwec.adapters.wef.http;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * What a connection knows about its peer, kept in channel attributes for the connection's lifetime: its
 * address (after the PROXY protocol, when enabled) and, once authenticated, its identity.
 */
final class Connection {

    /** The machine's address as text: the PROXY protocol's source address, else the socket's peer. */
    static final AttributeKey<String> PEER_IP = AttributeKey.valueOf("openwec.peerIp");
    /** Set when the connection was refused and closed, the reason logged: later failures of it are not news. */
    static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("openwec.refused");
    /** Set when the TLS handshake completes. */
    static final AttributeKey<ClientIdentity> CLIENT = AttributeKey.valueOf("openwec.client");

    private Connection() {}

    static String peerIp(Channel channel) {
        String ip = channel.attr(PEER_IP).get();
        if (ip != null) {
            return ip;
        }
        if (channel.remoteAddress() instanceof InetSocketAddress socket && socket.getAddress() != null) {
            return NetUtil.toAddressString(socket.getAddress());
        }
        return String.valueOf(channel.remoteAddress());
    }

    /** IPv6 in its compressed form ({@code ::1}), as OpenWEC writes addresses (Rust's {@code IpAddr} display). */
    static String ipText(byte[] address) {
        try {
            return NetUtil.toAddressString(InetAddress.getByAddress(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP address: " + address.length + " bytes", e);
        }
    }
}
