package org.openwec.adapters.wef.kerberos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;

/**
 * A real KDC for the tests (Apache Kerby, in-process, TCP on a free port), one per JVM: the JDK reads its
 * Kerberos configuration once, so every test of the run shares this realm. It holds the collector's service
 * principal and two machine principals, with keytabs exported to a temporary directory, and writes the
 * krb5.conf the JDK's initiator (the tests' "Windows machine") reads; the collector's acceptor needs none.
 */
public final class TestKdc {

    public static final String REALM = "WINDOMAIN.LOCAL";
    public static final String SERVICE = "HTTP/wec.windomain.local@" + REALM;
    public static final String MACHINE = "WIN10$@" + REALM;
    public static final String OTHER_MACHINE = "WIN11$@" + REALM;

    private static TestKdc instance;

    private final SimpleKdcServer kdc;
    private final Path dir;

    private TestKdc() throws IOException, KrbException {
        dir = Files.createTempDirectory("openwec-kdc");
        kdc = startTcp(dir, REALM);
        // A key the KDC no longer knows, for the "wrong service key" case: exported, then replaced.
        kdc.createPrincipal(SERVICE, UUID.randomUUID().toString());
        kdc.exportPrincipal(SERVICE, dir.resolve("stale.keytab").toFile());
        kdc.deletePrincipal(SERVICE);
        kdc.createPrincipal(SERVICE, UUID.randomUUID().toString());
        kdc.exportPrincipal(SERVICE, serviceKeytab().toFile());
        kdc.createPrincipal(MACHINE, UUID.randomUUID().toString());
        kdc.exportPrincipal(MACHINE, machineKeytab(MACHINE).toFile());
        kdc.createPrincipal(OTHER_MACHINE, UUID.randomUUID().toString());
        kdc.exportPrincipal(OTHER_MACHINE, machineKeytab(OTHER_MACHINE).toFile());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kdc.stop();
            } catch (KrbException e) {
                // the JVM is ending
            }
        }));
    }

    /**
     * Starts a Kerby KDC for {@code realm} in this process, on a free TCP port, and points the JDK's Kerberos
     * initiators at it with a krb5.conf written in {@code dir}. TCP only: Kerby's UDP side loses answers under
     * many simultaneous log-ins, and the JDK would then wait 30 s a try. The JDK reads that configuration once
     * per process, so a process has one realm.
     */
    public static SimpleKdcServer startTcp(Path dir, String realm) throws IOException, KrbException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SimpleKdcServer kdc = new SimpleKdcServer();
        kdc.setWorkDir(dir.toFile());
        kdc.setKdcRealm(realm);
        kdc.setKdcHost("127.0.0.1");
        kdc.setAllowUdp(false);
        kdc.setAllowTcp(true);
        kdc.setKdcTcpPort(port);
        kdc.init();
        kdc.start();
        Path conf = dir.resolve("krb5.conf");
        Files.writeString(conf, """
                [libdefaults]
                  default_realm = %s
                  udp_preference_limit = 1
                  dns_lookup_kdc = false
                  dns_lookup_realm = false
                [realms]
                  %s = {
                    kdc = 127.0.0.1:%d
                  }
                """.formatted(realm, realm, port));
        System.setProperty("java.security.krb5.conf", conf.toString());
        return kdc;
    }

    /** The realm's KDC, started on first use. */
    public static synchronized TestKdc get() {
        if (instance == null) {
            try {
                instance = new TestKdc();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (KrbException e) {
                throw new IllegalStateException("the test KDC does not start: " + e.getMessage(), e);
            }
        }
        return instance;
    }

    /** The collector's keytab: the service principal's current keys. */
    public Path serviceKeytab() {
        return dir.resolve("service.keytab");
    }

    /** A keytab with the service principal's keys from before the KDC replaced them. */
    public Path staleServiceKeytab() {
        return dir.resolve("stale.keytab");
    }

    public Path machineKeytab(String machine) {
        return dir.resolve(machine.replace("$", "").replace("@", "_") + ".keytab");
    }

    /** A machine logged in with its keytab, as a domain-joined Windows machine is. */
    public TestInitiator machine(String principal) {
        return TestInitiator.login(principal, machineKeytab(principal));
    }

    /** The {@code Authorization} value of a service ticket for {@code machine} that expired an hour ago. */
    public String expiredTicket(String machine) {
        return ForgedTickets.expired(serviceKeytab(), SERVICE, machine, REALM);
    }

    public Path dir() {
        return dir;
    }
}
