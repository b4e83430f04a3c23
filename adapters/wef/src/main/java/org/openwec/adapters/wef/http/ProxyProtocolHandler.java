package org.openwec.adapters.wef.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.util.NetUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the machine's address from the PROXY protocol header (v1 or v2, decoded by Netty's
 * {@code HAProxyMessageDecoder} in front of it) and leaves the pipeline. A connection whose header names no
 * source address is closed, as OpenWEC does (server/src/lib.rs at a41b95f).
 */
final class ProxyProtocolHandler extends SimpleChannelInboundHandler<HAProxyMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyProtocolHandler.class);

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HAProxyMessage message) {
        String source = message.command() == HAProxyCommand.PROXY ? message.sourceAddress() : null;
        byte[] address = source == null ? null : NetUtil.createByteArrayFromIpAddressString(source);
        if (address == null) {
            refuse(ctx, "PROXY protocol header from {} names no source address ({}): connection closed",
                    message.command() + " " + message.proxiedProtocol());
            return;
        }
        ctx.channel().attr(Connection.PEER_IP).set(Connection.ipText(address));
        ctx.pipeline().remove(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel().hasAttr(Connection.REFUSED)) {
            return; // the decoder fails again on every byte that follows a bad header
        }
        String reason = cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage();
        refuse(ctx, "No valid PROXY protocol header from {} ({}): connection closed", reason);
    }

    private static void refuse(ChannelHandlerContext ctx, String format, String reason) {
        ctx.channel().attr(Connection.REFUSED).set(Boolean.TRUE);
        LOG.warn(format, ctx.channel().remoteAddress(), reason);
        ctx.close();
    }
}
