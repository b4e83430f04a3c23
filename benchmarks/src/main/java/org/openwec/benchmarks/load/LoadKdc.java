package org.openwec.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;
import org.openwec.adapters.wef.kerberos.TestKdc;

/**
 * The realm of a Kerberos load run: an Apache Kerby KDC in the generator's process (TCP on a free port), the
 * collector's service principal and one principal per machine ({@code WKS00042$@LOAD.TEST}, as a domain-joined
 * computer account is named), each with its keytab, and the krb5.conf the JDK's initiators read. The JDK reads
 * that configuration once per process, so one run has one realm.
 */
final class LoadKdc implements AutoCloseable {

    static final String REALM = "LOAD.TEST";

    private final SimpleKdcServer kdc;
    private final Path dir;
    private final String service;

    /** @param host the collector's host name: the service principal is {@code HTTP/host@LOAD.TEST} */
    LoadKdc(Path dir, String host) throws IOException, KrbException {
        this.dir = Files.createDirectories(dir);
        this.service = "HTTP/" + host + "@" + REALM;
        // Kerby logs every AS and TGS exchange at INFO: thousands of lines at the start of a run.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.kerby"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        // Kerby's UDP side lost answers when hundreds of machines logged in at once, hence TestKdc's TCP only;
        // Kerby gives every TCP connection a 4 MB buffer and the JDK opens one connection per exchange:
        // KerberosFleet keeps the log-ins in flight few.
        kdc = TestKdc.startTcp(this.dir, REALM);
        kdc.createPrincipal(service, UUID.randomUUID().toString());
        kdc.exportPrincipal(service, serviceKeytab().toFile());
    }

    String servicePrincipal() {
        return service;
    }

    /** The collector's keytab ({@code [server] keytab}). */
    Path serviceKeytab() {
        return dir.resolve("service.keytab");
    }

    /** The principal of machine {@code index}. */
    static String machine(int index) {
        return String.format("WKS%05d$@%s", index, REALM);
    }

    /** Creates the machine's principal with a random password and exports its keys; returns the keytab. */
    Path addMachine(String principal) throws KrbException {
        Path keytab = dir.resolve(principal.replace("$", "").replace("@", "_") + ".keytab");
        kdc.createPrincipal(principal, UUID.randomUUID().toString());
        kdc.exportPrincipal(principal, keytab.toFile());
        return keytab;
    }

    /**
     * Drops a machine's principal once it holds its service ticket (the JDK keeps that ticket in the machine's
     * Subject for later connections). Kerby's in-memory backend links each principal to the last message it
     * appeared in, and so to the 4 MB receive buffer of that TCP connection: a thousand machines left in the KDC
     * kept gigabytes alive (measured with JFR's old-object samples), more than a 6 GB generator had.
     */
    void dropMachine(String principal) throws KrbException {
        kdc.deletePrincipal(principal);
    }

    @Override
    public void close() {
        try {
            kdc.stop();
        } catch (KrbException e) {
            // the run is over either way
        }
    }
}
