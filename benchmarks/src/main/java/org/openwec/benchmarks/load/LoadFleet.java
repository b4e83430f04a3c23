package org.openwec.benchmarks.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link LoadRun} needs of the simulated machines, whatever they authenticate with: TLS client certificates
 * ({@link Fleet}) or Kerberos ({@link KerberosFleet}).
 */
interface LoadFleet extends AutoCloseable {

    /** A machine's progress, for the verification: its last acknowledged RecordId and its acknowledged batches. */
    record Acked(long recordId, long batches) {}

    /**
     * Connects and authenticates every machine and has each enumerate.
     *
     * @throws IllegalStateException when a machine could not connect or was offered no subscription
     */
    void connectAll(Duration timeout) throws InterruptedException;

    /** Starts the batches. */
    void start();

    /** Stops sending and waits for the requests in flight; false when some were unanswered at the timeout. */
    boolean stop(Duration timeout) throws InterruptedException;

    /** Each machine's progress, by the name the collector stores its bookmark under. */
    Map<String, Acked> acknowledged();

    /** What the start's log line and the report call the machines' authentication. */
    String authentication();

    @Override
    void close();

    /** The TLS fleet as it is. */
    static LoadFleet of(Fleet fleet) {
        return new LoadFleet() {
            @Override
            public void connectAll(Duration timeout) throws InterruptedException {
                fleet.connectAll(timeout);
            }

            @Override
            public void start() {
                fleet.start();
            }

            @Override
            public boolean stop(Duration timeout) throws InterruptedException {
                return fleet.stop(timeout);
            }

            @Override
            public Map<String, Acked> acknowledged() {
                Map<String, Acked> acked = new LinkedHashMap<>();
                for (Machine machine : fleet.machines()) {
                    acked.put(machine.name, new Acked(machine.ackedRecordId(), machine.batchesAcked()));
                }
                return acked;
            }

            @Override
            public String authentication() {
                return "TLS";
            }

            @Override
            public void close() {
                fleet.close();
            }
        };
    }
}
