package org.openwec.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.openwec.adapters.wef.kerberos.Scheme;

/**
 * Machines that authenticate with Kerberos, as domain-joined Windows machines talking to a Kerberos collector on
 * plain HTTP: each logs in with its own keytab at the run's {@link LoadKdc}, opens one keep-alive connection whose
 * first request carries its token (SPNEGO by default, as Windows' "Negotiate"), and seals every body with the
 * connection's security context. The TLS fleet runs on Netty's event loop; these run one virtual thread each on
 * the blocking client of the wef tests ({@code KerberosMachine}), the JDK's GSS initiator being blocking.
 */
final class KerberosFleet implements LoadFleet {

    /** Log-ins and first connections at a time: each KDC exchange costs Kerby a 4 MB buffer (see LoadKdc). */
    private static final int SET_UPS_IN_FLIGHT = 8;

    private final Fleet.Settings settings;
    private final LoadKdc kdc;
    private final int port;
    private final String host;
    private final Scheme scheme;
    private final Recorder recorder;
    private final long intervalNanos;
    private final List<KerberosLoadMachine> machines = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    final Semaphore handshakes;
    private final CountDownLatch enumerated;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch idle;
    private final AtomicReference<String> setupFailure = new AtomicReference<>();
    private volatile long firstDue;
    private volatile boolean stopped;
    private volatile boolean closing;

    /** Creates the machines' principals and keytabs at {@code kdc} (not yet logged in). */
    KerberosFleet(Fleet.Settings settings, LoadKdc kdc, Scheme scheme, int port, Recorder recorder) throws KrbException {
        this.settings = settings;
        this.kdc = kdc;
        this.port = port;
        this.host = "localhost:" + port;
        this.scheme = scheme;
        this.recorder = recorder;
        this.intervalNanos = settings.rate() <= 0 ? 0 : (long) (1e9 * settings.clients() / settings.rate());
        this.handshakes = new Semaphore(Math.min(SET_UPS_IN_FLIGHT, settings.handshakesInFlight()));
        this.enumerated = new CountDownLatch(settings.clients());
        this.idle = new CountDownLatch(settings.clients());
        for (int i = 0; i < settings.clients(); i++) {
            String principal = LoadKdc.machine(i);
            Path keytab = kdc.addMachine(principal);
            machines.add(new KerberosLoadMachine(this, principal, keytab, String.format("wks%05d.load.test", i), i));
        }
    }

    /** The fleet of {@code --auth kerberos} (SPNEGO, as Windows' Negotiate) or {@code --auth kerberos-raw}. */
    static KerberosFleet of(Fleet.Settings settings, LoadKdc kdc, String auth, int port, Recorder recorder)
            throws KrbException {
        return new KerberosFleet(settings, kdc, auth.equals("kerberos-raw") ? Scheme.KERBEROS : Scheme.NEGOTIATE,
                port, recorder);
    }

    /** The machines' side, for the report. */
    static String describe(String auth) {
        return "its own principal and keytab at an in-process Kerby KDC, and one keep-alive plain-HTTP connection "
                + "authenticated with " + (auth.equals("kerberos-raw") ? "the Kerberos scheme" : "SPNEGO (Negotiate)")
                + ", every body sealed (multipart/encrypted, RRC 28 wrap tokens) and every answer opened";
    }

    /** openwecd's settings: the database's, the service keytab, one Kerberos collector on plain HTTP. */
    static String settingsToml(String databaseToml, int port, LoadKdc kdc) {
        return settingsToml(databaseToml, port, kdc.servicePrincipal(), kdc.serviceKeytab());
    }

    static String settingsToml(String databaseToml, int port, String servicePrincipal, Path keytab) {
        return """
                [server]
                keytab = "%s"

                %s
                [[collectors]]
                hostname = "localhost"
                listen_address = "127.0.0.1"
                listen_port = %d

                [collectors.authentication]
                type = "Kerberos"
                service_principal_name = "%s"
                """.formatted(keytab, databaseToml, port, servicePrincipal);
    }

    Recorder recorder() {
        return recorder;
    }

    int port() {
        return port;
    }

    String host() {
        return host;
    }

    /** The machine holds its service ticket: the KDC need not know it any more (see LoadKdc#dropMachine). */
    void ticketed(KerberosLoadMachine machine) throws KrbException {
        kdc.dropMachine(machine.principal);
    }

    String servicePrincipal() {
        return kdc.servicePrincipal();
    }

    Scheme scheme() {
        return scheme;
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

    int requestTimeoutMillis() {
        return (int) settings.requestTimeout().toMillis();
    }

    boolean stopped() {
        return stopped;
    }

    boolean closing() {
        return closing;
    }

    @Override
    public void connectAll(Duration timeout) throws InterruptedException {
        for (KerberosLoadMachine machine : machines) {
            threads.add(Thread.ofVirtual().name(machine.principal).start(machine::run));
        }
        boolean done = enumerated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (setupFailure.get() != null) {
            throw new IllegalStateException(setupFailure.get());
        }
        if (!done) {
            throw new IllegalStateException(enumerated.getCount() + " of " + machines.size()
                    + " machines had not connected and enumerated after " + timeout.toSeconds() + " s");
        }
    }

    /** Blocks a machine until the batches start; returns when its first batch is due (System.nanoTime). */
    long awaitStart() throws InterruptedException {
        started.await();
        return firstDue + Machine.phase(intervalNanos);
    }

    @Override
    public void start() {
        firstDue = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        started.countDown();
    }

    @Override
    public boolean stop(Duration timeout) throws InterruptedException {
        stopped = true;
        threads.forEach(thread -> java.util.concurrent.locks.LockSupport.unpark(thread));
        return idle.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    void enumerated(KerberosLoadMachine machine, String failure) {
        if (failure != null) {
            setupFailure.compareAndSet(null, machine.principal + ": " + failure);
        }
        enumerated.countDown();
    }

    void idle() {
        idle.countDown();
    }

    @Override
    public Map<String, Acked> acknowledged() {
        Map<String, Acked> acked = new LinkedHashMap<>();
        for (KerberosLoadMachine machine : machines) {
            acked.put(machine.principal, new Acked(machine.ackedRecordId(), machine.batchesAcked()));
        }
        return acked;
    }

    @Override
    public String authentication() {
        return "Kerberos (" + (scheme == Scheme.NEGOTIATE ? "SPNEGO, Negotiate" : "raw Kerberos") + ")";
    }

    @Override
    public void close() {
        closing = true;
        stopped = true;
        started.countDown();
        machines.forEach(KerberosLoadMachine::close);
        for (Thread thread : threads) {
            thread.interrupt();
        }
    }
}
