package org.openwec.benchmarks.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.ietf.jgss.GSSException;
import org.openwec.adapters.wef.BodyText;
import org.openwec.adapters.wef.kerberos.KerberosMachine;
import org.openwec.adapters.wef.kerberos.TestInitiator;

/**
 * One simulated domain-joined Windows machine of a {@link KerberosFleet}, on its own virtual thread: logs in with
 * its keytab, connects (the first request carries its token, the collector's reply completes mutual
 * authentication), enumerates, then sends a batch of events on its schedule and waits for the Ack, a Heartbeat
 * after every so many batches, as {@link Machine} does over TLS. Every body is sealed with the connection's
 * context (multipart/encrypted, header-separated RRC 28 wrap token) and every answer opened and read. A lost
 * connection is opened again with a new security context and the request sent again; an answer other than 200 is
 * counted and the request sent again a second later.
 */
final class KerberosLoadMachine {
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final String USER_AGENT = "User-Agent: Microsoft WinRM Client";

    private final KerberosFleet fleet;
    final String principal;
    private final Path keytab;
    private final Envelopes envelopes;
    private TestInitiator initiator;
    private volatile KerberosMachine connection;
    private Envelopes.Subscribed subscription;

    private long recordId;
    private volatile long ackedRecordId;
    private volatile long batchesAcked;

    KerberosLoadMachine(KerberosFleet fleet, String principal, Path keytab, String dnsName, int index) {
        this.fleet = fleet;
        this.principal = principal;
        this.keytab = keytab;
        this.envelopes = new Envelopes(dnsName, index, fleet.host());
        this.recordId = 1_000L * index; // distinct ranges make a mixed-up bookmark visible
        this.ackedRecordId = recordId;
    }

    long ackedRecordId() {
        return ackedRecordId;
    }

    long batchesAcked() {
        return batchesAcked;
    }

    void run() {
        try {
            if (!setUp()) {
                return;
            }
            send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | GSSException | RuntimeException e) {
            if (!fleet.closing()) {
                fleet.recorder().error("machine failed: " + e);
            }
        } finally {
            fleet.idle();
        }
    }

    /** Log-in, first connection and Enumerate, a limited number of machines at a time; false on a failure. */
    private boolean setUp() throws InterruptedException {
        fleet.handshakes.acquire();
        try {
            initiator = TestInitiator.login(principal, keytab);
            connection = connect();
            fleet.ticketed(this);
            String text = exchange(Recorder.Kind.ENUMERATE, Envelopes.ENUMERATE_PATH, envelopes.enumerate(), false);
            subscription = envelopes.subscribe(text);
        } catch (IOException | GSSException | KrbException | RuntimeException e) {
            fleet.recorder().error("set-up failed: " + e.getClass().getSimpleName());
            fleet.enumerated(this, "Kerberos set-up failed: " + e.getMessage());
            return false;
        } finally {
            fleet.handshakes.release();
        }
        fleet.enumerated(this, null);
        return true;
    }

    private KerberosMachine connect() throws IOException, GSSException {
        return KerberosMachine.connect(fleet.port(), initiator, fleet.servicePrincipal(), fleet.scheme(),
                Envelopes.ENUMERATE_PATH);
    }

    /** Exchanges retried ({@code retry} true) throw nothing but interruptions in practice. */
    private void send() throws IOException, GSSException, InterruptedException {
        long interval = fleet.intervalNanos();
        long due = fleet.awaitStart();
        while (!fleet.stopped()) {
            if (interval > 0) {
                long now = System.nanoTime();
                while (due - now > 0 && !fleet.stopped()) {
                    LockSupport.parkNanos(due - now);
                    now = System.nanoTime();
                }
                if (fleet.stopped()) {
                    return;
                }
                if (now - due > interval) {
                    fleet.recorder().lateStart(now);
                    due = now; // no burst to catch up: a machine that fell behind stays behind
                }
                due += interval;
            }
            int count = fleet.batchSize();
            long batchRecordId = recordId + count;
            recordId = batchRecordId;
            byte[] body = envelopes.events(subscription, batchRecordId, count, Instant.now());
            if (exchange(Recorder.Kind.EVENTS, subscription.path(), body, true) == null) {
                return;
            }
            ackedRecordId = batchRecordId;
            batchesAcked++;
            if (fleet.heartbeatEvery() > 0 && batchesAcked % fleet.heartbeatEvery() == 0 && !fleet.stopped()
                    && exchange(Recorder.Kind.HEARTBEAT, subscription.path(), envelopes.heartbeat(subscription), true) == null) {
                return;
            }
        }
    }

    /**
     * Posts {@code body} sealed until a 200 answer; returns its decrypted text, or null when the run ended first.
     * Errors before the batches start ({@code retry} false) are thrown.
     */
    private String exchange(Recorder.Kind kind, String path, byte[] body, boolean retry)
            throws IOException, GSSException, InterruptedException {
        String what = kind.name().toLowerCase();
        while (true) {
            long sent = System.nanoTime();
            KerberosMachine.Answer answer;
            try {
                if (connection == null) {
                    connection = connect();
                }
                answer = connection.post(path, body, USER_AGENT);
            } catch (IOException | GSSException e) {
                if (!retry) {
                    throw e;
                }
                closeConnection();
                if (fleet.stopped()) {
                    return null; // what it held is not sent again: the run is over
                }
                fleet.recorder().error(what + ": " + e.getClass().getSimpleName() + " (connection opened again)");
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(RETRY_NANOS));
                continue;
            }
            long now = System.nanoTime();
            if (answer.status() != 200) {
                if (!retry) {
                    throw new IOException(what + ": HTTP " + answer.status());
                }
                fleet.recorder().error(what + ": HTTP " + answer.status());
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(RETRY_NANOS));
                continue;
            }
            String text = BodyText.decode(answer.body()).text();
            if (kind != Recorder.Kind.ENUMERATE && !text.contains("wsman/Ack")) {
                fleet.recorder().error(what + ": 200 without an Ack");
            }
            fleet.recorder().answered(kind, sent, now);
            return text;
        }
    }

    private void closeConnection() {
        KerberosMachine open = connection;
        connection = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // gone already
            }
        }
    }

    void close() {
        closeConnection();
    }
}
