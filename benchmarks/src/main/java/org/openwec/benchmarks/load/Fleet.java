package org.openwec.benchmarks.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The simulated machines and the client side of their connections: one Netty event loop group (one thread by
 * default, so that the generator takes as little of the machine as it can), one JDK {@link SSLContext} for all,
 * whose key manager presents each connection's own machine certificate (the engine is created for the machine's
 * name as its peer host, which also keeps the TLS session cache per machine).
 */
final class Fleet implements AutoCloseable {

    /**
     * @param rate batches a second for the whole fleet; 0 for as fast as the Acks come back
     * @param heartbeatEvery a Heartbeat after every this many acknowledged batches of a machine; 0 for none
     */
    record Settings(int clients, int batchSize, double rate, int heartbeatEvery, Duration requestTimeout,
                    int threads, int handshakesInFlight) {}

    private final Settings settings;
    private final InetSocketAddress address;
    private final String host;
    private final Recorder recorder;
    private final EventLoopGroup group;
    private final SSLContext ssl;
    private final List<Machine> machines = new ArrayList<>();
    private final long intervalNanos;

    private final Semaphore handshakes;
    private final CountDownLatch enumerated;
    private final Set<Machine> idle = ConcurrentHashMap.newKeySet();
    private final CountDownLatch allIdle;
    private final AtomicReference<String> setupFailure = new AtomicReference<>();
    private volatile boolean settingUp = true;
    private volatile boolean closing;

    Fleet(Settings settings, Pki pki, int port, Recorder recorder) {
        this.settings = settings;
        this.address = new InetSocketAddress("127.0.0.1", port);
        this.host = "localhost:" + port;
        this.recorder = recorder;
        this.intervalNanos = settings.rate() <= 0 ? 0 : (long) (1e9 * settings.clients() / settings.rate());
        this.handshakes = new Semaphore(settings.handshakesInFlight());
        this.enumerated = new CountDownLatch(settings.clients());
        this.allIdle = new CountDownLatch(settings.clients());
        Map<String, Pki.Issued> identities = new ConcurrentHashMap<>();
        this.group = new MultiThreadIoEventLoopGroup(settings.threads(), new DefaultThreadFactory("machines"),
                NioIoHandler.newFactory());
        for (int i = 0; i < settings.clients(); i++) {
            String name = String.format("wks%05d.load.test", i);
            identities.put(name, pki.machine(name));
            machines.add(new Machine(this, (EventLoop) group.next(), name, i));
        }
        this.ssl = context(identities, pki.caCertificate());
    }

    List<Machine> machines() {
        return machines;
    }

    Recorder recorder() {
        return recorder;
    }

    String host() {
        return host;
    }

    int batchSize() {
        return settings.batchSize();
    }

    int heartbeatEvery() {
        return settings.heartbeatEvery();
    }

    long intervalNanos() {
        return intervalNanos;
    }

    long requestTimeoutNanos() {
        return settings.requestTimeout().toNanos();
    }

    boolean closing() {
        return closing;
    }

    /**
     * Connects every machine (a limited number of handshakes at a time) and has each enumerate.
     *
     * @throws IllegalStateException when a machine could not connect or was offered no subscription
     */
    void connectAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Machine machine : machines) {
            if (!handshakes.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                break;
            }
            machine.connect();
        }
        boolean done = enumerated.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        settingUp = false;
        if (setupFailure.get() != null) {
            throw new IllegalStateException(setupFailure.get());
        }
        if (!done) {
            throw new IllegalStateException(enumerated.getCount() + " of " + machines.size()
                    + " machines had not connected and enumerated after " + timeout.toSeconds() + " s");
        }
    }

    /** Starts the batches, each machine at a random point of its first interval. */
    void start() {
        long base = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        for (Machine machine : machines) {
            machine.start(base + Machine.phase(intervalNanos));
        }
    }

    /**
     * Stops sending and waits for the requests in flight to be answered.
     *
     * @return false when some were still unanswered at the timeout
     */
    boolean stop(Duration timeout) throws InterruptedException {
        machines.forEach(Machine::stop);
        return allIdle.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    void handshaken(Machine machine) {
        if (settingUp) {
            handshakes.release();
        }
    }

    void handshakeFailed(Machine machine, Throwable cause) {
        if (settingUp) {
            setupFailure.compareAndSet(null, machine.name + ": TLS handshake failed: " + cause);
            handshakes.release();
            enumerated.countDown();
        } else {
            machine.close();
        }
    }

    void enumerated(Machine machine, boolean offered) {
        if (!offered) {
            setupFailure.compareAndSet(null, machine.name + " was offered no subscription by its Enumerate");
        }
        enumerated.countDown();
    }

    void idle(Machine machine) {
        if (idle.add(machine)) {
            allIdle.countDown();
        }
    }

    Bootstrap bootstrap(Machine machine) {
        return new Bootstrap()
                .group(machine.loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .remoteAddress(address)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        SSLEngine engine = ssl.createSSLEngine(machine.name, address.getPort());
                        engine.setUseClientMode(true);
                        channel.pipeline().addLast("tls", new SslHandler(engine))
                                .addLast("http", new HttpClientCodec())
                                .addLast("aggregate", new HttpObjectAggregator(1 << 20))
                                .addLast("machine", machine.new Handler());
                    }
                });
    }

    @Override
    public void close() {
        closing = true;
        machines.forEach(Machine::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private static SSLContext context(Map<String, Pki.Issued> identities, X509Certificate ca) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("collector-ca", ca);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new PerMachine(identities)}, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build the machines' TLS context", e);
        }
    }

    /** Presents the certificate of the machine the engine was created for (its peer host is the machine's name). */
    private static final class PerMachine extends X509ExtendedKeyManager {
        private final Map<String, Pki.Issued> identities;

        PerMachine(Map<String, Pki.Issued> identities) {
            this.identities = identities;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return engine.getPeerHost();
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            Pki.Issued identity = identities.get(alias);
            return identity == null ? null : new X509Certificate[] {identity.certificate()};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            Pki.Issued identity = identities.get(alias);
            return identity == null ? null : identity.key();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return identities.keySet().toArray(String[]::new);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
