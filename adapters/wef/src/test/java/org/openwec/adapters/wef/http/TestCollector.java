package org.openwec.adapters.wef.http;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A running {@link WefServer} on a free port of 127.0.0.1, with a test CA, a server certificate, one machine's
 * certificate, and {@link TestPorts} behind it.
 */
final class TestCollector implements AutoCloseable {

    static final TestPki.Issued CA = TestPki.ca("CN=WEF Test CA,O=openwec tests");
    static final TestPki.Issued SERVER = TestPki.server(CA, TestPki.ec("secp256r1"));
    /** The machine's certificate: its CN is the machine's name for the collector. */
    static final String MACHINE = "win10$.windomain.local";
    static final TestPki.Issued MACHINE_CERTIFICATE = TestPki.client(CA, "CN=" + MACHINE + ",O=openwec tests");
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    final TestPorts ports;
    final WefServer server;

    private TestCollector(TestPorts ports, WefServer server) {
        this.ports = ports;
        this.server = server;
    }

    static TestCollector start(TestPorts ports) {
        return start(ports, listener(null, false, CollectorListener.DEFAULT_MAX_CONTENT_LENGTH), options());
    }

    static TestCollector start(TestPorts ports, CollectorListener listener, ServerOptions options) {
        return new TestCollector(ports, WefServer.start(listener, ports.ports(), options));
    }

    static ServerOptions options() {
        return ServerOptions.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static CollectorListener listener(String hostname, boolean proxyProtocol, int maxContentLength) {
        return listener(hostname, proxyProtocol, maxContentLength, tls(SERVER, TestPki.traditionalPem(SERVER.key()),
                List.of(CA.certificate())));
    }

    static CollectorListener listener(String hostname, boolean proxyProtocol, int maxContentLength,
                                      CollectorListener.Tls tls) {
        return new CollectorListener(hostname, "127.0.0.1", 0, 5986, maxContentLength, proxyProtocol, tls);
    }

    static CollectorListener.Tls tls(TestPki.Issued server, String keyPem, List<X509Certificate> cas) {
        return new CollectorListener.Tls(Pem.text("ca.pem", TestPki.pem(cas)),
                Pem.text("server.pem", TestPki.pem(List.of(server.certificate()))), Pem.text("server.key", keyPem));
    }

    /** The test machine's context: its certificate, and the CA to check the server's. */
    static SSLContext machineContext() {
        return TestPki.clientContext(MACHINE_CERTIFICATE, CA.certificate());
    }

    WefClient connect() throws IOException {
        return WefClient.connect(server.port(), machineContext());
    }

    WefClient connect(SSLContext context) throws IOException {
        return WefClient.connect(server.port(), context);
    }

    @Override
    public void close() {
        server.close();
    }
}
