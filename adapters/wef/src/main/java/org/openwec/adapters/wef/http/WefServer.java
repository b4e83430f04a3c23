package org.openwec.adapters.wef.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.net.ExtendedSocketOptions;
import org.openwec.adapters.wef.WefCodec;
import org.openwec.adapters.wef.kerberos.KerberosAcceptor;
import org.openwec.adapters.wef.kerberos.KerberosSetupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's listener for one {@link CollectorListener}: Windows machines connect with their client
 * certificate (HTTPS) or a Kerberos ticket (HTTP, bodies encrypted by the security context) and post
 * WS-Management messages, which become calls on the core's inbound ports.
 *
 * <p>Netty carries the connections: per-connection state in channel attributes (the machine's identity now,
 * a Kerberos context later), the PROXY protocol decoder, TLS through {@code SslHandler} with the JDK's
 * provider, and full control of HTTP/1.1 as Windows speaks it. The use cases block (a bookmark commit waits for
 * the disk), so each request runs on a virtual thread of its own, never on the event loop; a connection reads
 * its next request only once the previous one is answered.
 *
 * <pre>{@code
 * WefServer server = WefServer.start(listener, new CollectorPorts(enumerate, events, heartbeat), options);
 * ...
 * server.close(); // then close the collector: commit queued bookmarks, flush heartbeats
 * }</pre>
 */
public final class WefServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WefServer.class);

    /** Windows sends small heads; Kerberos tokens in {@code Authorization} can reach tens of kilobytes. */
    private static final int MAX_HEADER_SIZE = 65_536;
    private static final int MAX_INITIAL_LINE_LENGTH = 8_192;
    /** Time left to write the answers of requests that finished at the end of the grace period. */
    private static final Duration FLUSH_TIME = Duration.ofSeconds(1);

    private final CollectorListener listener;
    private final ServerOptions options;
    private final EventLoopGroup group;
    private final ExecutorService requests;
    private final ChannelGroup connections;
    private final AtomicBoolean stopping;
    private final Channel serverChannel;

    private WefServer(CollectorListener listener, ServerOptions options, EventLoopGroup group, ExecutorService requests,
                      ChannelGroup connections, AtomicBoolean stopping, Channel serverChannel) {
        this.listener = listener;
        this.options = options;
        this.group = group;
        this.requests = requests;
        this.connections = connections;
        this.stopping = stopping;
        this.serverChannel = serverChannel;
    }

    /** {@link #start(CollectorListener, CollectorPorts, ServerOptions)} with {@link ServerOptions#defaults()}. */
    public static WefServer start(CollectorListener listener, CollectorPorts ports) {
        return start(listener, ports, ServerOptions.defaults());
    }

    /**
     * Loads the TLS files or the keytab and starts listening.
     *
     * @throws CollectorListenerException when a TLS file or the keytab is missing or unusable, or the address
     *                                    cannot be listened on
     */
    public static WefServer start(CollectorListener listener, CollectorPorts ports, ServerOptions options) {
        ServerTls tls = listener.tls() == null ? null : ServerTls.load(listener.tls());
        KerberosAcceptor kerberos = listener.kerberos() == null ? null : kerberos(listener.kerberos());
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(listener.listenAddress());
        if (address == null) {
            throw new CollectorListenerException("listen_address '" + listener.listenAddress()
                    + "' is not an IP address; give one such as 0.0.0.0 or ::");
        }
        AtomicBoolean stopping = new AtomicBoolean();
        ExecutorService requests = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("wef-request-", 0).factory());
        MessageHandler messages = new MessageHandler(listener, ports, new WefCodec(), options.metrics(), options.clock());
        ConnectionHandler.Shared shared = new ConnectionHandler.Shared(tls, kerberos, messages, requests, options.metrics(),
                listener.maxContentLength(), stopping::get);
        ChannelGroup connections = new DefaultChannelGroup("wef-" + listener.listenLabel(), GlobalEventExecutor.INSTANCE);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(options.ioThreads(),
                new DefaultThreadFactory("wef-io"), NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                // Windows keeps its connections; dead peers are found by TCP keepalive (the app tunes its timers)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        ChannelPipeline pipeline = channel.pipeline();
                        if (listener.enableProxyProtocol()) {
                            pipeline.addLast("proxy-protocol", new HAProxyMessageDecoder());
                            pipeline.addLast("proxy-address", new ProxyProtocolHandler());
                        }
                        if (tls != null) {
                            pipeline.addLast("tls", tls.context().newHandler(channel.alloc()));
                        }
                        pipeline.addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                                .setMaxInitialLineLength(MAX_INITIAL_LINE_LENGTH)
                                .setMaxHeaderSize(MAX_HEADER_SIZE)));
                        pipeline.addLast("one-message-per-read", new FlowControlHandler());
                        pipeline.addLast("wef", new ConnectionHandler(shared));
                    }
                });
        keepalive(bootstrap, options.keepalive());
        Channel serverChannel;
        try {
            serverChannel = bootstrap.bind(new InetSocketAddress(address, listener.listenPort())).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            requests.shutdownNow();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new CollectorListenerException("Cannot listen on " + listener.listenLabel() + " (" + e.getMessage()
                    + "); free the port or change listen_address / listen_port", e);
        }
        WefServer server = new WefServer(listener, options, group, requests, connections, stopping, serverChannel);
        LOG.info("Collector listening on {} ({}{}), advertized as {}:{}", serverChannel.localAddress(),
                tls != null ? "HTTPS, mutual TLS" : "HTTP, Kerberos as " + kerberos.servicePrincipal(),
                listener.enableProxyProtocol() ? ", PROXY protocol" : "",
                listener.hostname() == null ? "<host of a:To>" : listener.hostname(), listener.advertizedPort());
        return server;
    }

    private static KerberosAcceptor kerberos(CollectorListener.Kerberos kerberos) {
        try {
            return KerberosAcceptor.open(kerberos.keytab(), kerberos.servicePrincipalName());
        } catch (KerberosSetupException e) {
            throw new CollectorListenerException(e.getMessage());
        }
    }

    /**
     * Sets the timers the system lets a connection have (Linux and macOS have all three). Each value is tried on a
     * socket first: the system refuses some (Linux: more than 32767 s), and a refused option would fail every
     * connection.
     *
     * @throws CollectorListenerException naming the value the system refuses
     */
    private static void keepalive(ServerBootstrap bootstrap, ServerOptions.Keepalive keepalive) {
        if (keepalive == null) {
            return;
        }
        try (java.nio.channels.SocketChannel trial = java.nio.channels.SocketChannel.open()) {
            Set<SocketOption<?>> supported = trial.supportedOptions();
            if (keepalive.idle() != null && supported.contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
                set(bootstrap, trial, ExtendedSocketOptions.TCP_KEEPIDLE, seconds(keepalive.idle()), "tcp_keepalive_time");
            }
            if (keepalive.interval() != null && supported.contains(ExtendedSocketOptions.TCP_KEEPINTERVAL)) {
                set(bootstrap, trial, ExtendedSocketOptions.TCP_KEEPINTERVAL, seconds(keepalive.interval()),
                        "tcp_keepalive_intvl");
            }
            if (keepalive.probes() != null && supported.contains(ExtendedSocketOptions.TCP_KEEPCOUNT)) {
                set(bootstrap, trial, ExtendedSocketOptions.TCP_KEEPCOUNT, keepalive.probes(), "tcp_keepalive_probes");
            }
        } catch (IOException e) {
            throw new CollectorListenerException("Cannot open a socket to check the TCP keepalive settings: "
                    + e.getMessage(), e);
        }
    }

    private static int seconds(Duration duration) {
        return (int) Math.min(duration.toSeconds(), Integer.MAX_VALUE);
    }

    private static void set(ServerBootstrap bootstrap, java.nio.channels.SocketChannel trial,
                            SocketOption<Integer> option, int value, String setting) {
        try {
            trial.setOption(option, value);
        } catch (IOException | IllegalArgumentException e) {
            throw new CollectorListenerException(setting + " = " + value + " is refused by this system (" + e.getMessage()
                    + "); use a smaller value (Linux allows up to 32767 seconds and 127 probes)", e);
        }
        bootstrap.childOption(NioChannelOption.of(option), value);
    }

    /** The port listened on: the configured one, or the one picked for port 0. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public CollectorListener listener() {
        return listener;
    }

    /**
     * Stops: no new connection is accepted, idle connections close, requests in flight get up to
     * {@link ServerOptions#stopGrace()} to finish and be answered, then every connection closes. The caller then
     * closes the collector (commits queued bookmarks, flushes heartbeats). Idempotent.
     */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + options.stopGrace().toNanos();
        serverChannel.close().awaitUninterruptibly();
        for (Channel connection : connections) {
            connection.pipeline().fireUserEventTriggered(ConnectionHandler.STOP);
        }
        requests.shutdown();
        boolean finished = awaitRequests(deadline);
        if (finished) {
            // Each busy connection closes once its answer is written.
            long flushNanos = Math.max(deadline - System.nanoTime(), 0) + FLUSH_TIME.toNanos();
            connections.newCloseFuture().awaitUninterruptibly(flushNanos, TimeUnit.NANOSECONDS);
        } else {
            LOG.warn("Collector on {}: requests still running after {} ms; their connections are closed unanswered",
                    serverChannel.localAddress(), options.stopGrace().toMillis());
        }
        connections.close().awaitUninterruptibly();
        group.shutdownGracefully(0, FLUSH_TIME.toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly();
        LOG.info("Collector on {} stopped", serverChannel.localAddress());
    }

    private boolean awaitRequests(long deadline) {
        try {
            return requests.awaitTermination(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
