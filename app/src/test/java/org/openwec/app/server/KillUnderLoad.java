package org.openwec.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.Storage;

/**
 * {@code kill -9} of the packaged {@code openwecd} in the middle of a load, then the database checked: every
 * Events batch the server acknowledged must have its bookmark, or a newer one, stored. Machines each send their
 * batches one after the other (as Windows does, on a keep-alive connection, with its own certificate), the
 * bookmark's RecordId growing by one per batch; the test keeps, per machine, the RecordId of the last batch
 * answered with an Ack. Then {@code openwecd} starts again on the same database and offers each machine its
 * stored bookmark. A SIGKILL ends the process, not the machine: what it tests is that nothing is acknowledged
 * before it is committed, not what the disk keeps through a power cut (that is the database's fsync).
 */
abstract class KillUnderLoad {
    static final int MACHINES = 50;
    /** Acknowledged batches (all machines together) before the kill: the load is well under way by then. */
    static final int ACKS_BEFORE_KILL = 500;
    /** Short, so that the load runs through several heartbeat flushes before the kill. */
    static final int FLUSH_HEARTBEATS_INTERVAL_SECONDS = 1;
    private static final Pattern RECORD_ID = Pattern.compile("RecordId=\"(\\d+)\"");
    private static final Pattern EVENT_RECORD_ID = Pattern.compile("<EventRecordID>(\\d+)</EventRecordID>");

    @TempDir
    Path dir;

    /** The fixture on this backend's database (a durable one). */
    abstract ServerFixture fixture(Path dir);

    abstract String backend();

    /** One simulated machine: its certificate, and the RecordIds of its last batch sent and last one acknowledged. */
    private static final class Load {
        final String name;
        final TestPki.Issued certificate;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong acknowledged = new AtomicLong();

        Load(String name) {
            this.name = name;
            this.certificate = TestPki.machine(ServerFixture.CA, name);
        }
    }

    @Test
    void every_bookmark_acknowledged_before_a_kill_9_is_stored() throws Exception {
        assumeThat(OpenwecdProcess.JAR).as("the packaged jar (mvn package)").exists();
        long testStarted = System.nanoTime();
        ServerFixture fixture = fixture(dir);
        fixture.config = fixture.configFile("openwec.conf.toml", ServerFixture.serverSection("test-node", 5,
                FLUSH_HEARTBEATS_INTERVAL_SECONDS), "", "");
        Subscription security = fixture.subscription("security", OutputFormat.Raw);
        fixture.database(security);
        try (fixture) {
            killUnderLoad(fixture, fixture.storage(), security, testStarted);
        }
    }

    private void killUnderLoad(ServerFixture fixture, Storage db, Subscription security, long testStarted)
            throws Exception {
        List<Load> machines = IntStream.rangeClosed(1, MACHINES)
                .mapToObj(i -> new Load("win-%02d.windomain.local".formatted(i))).toList();

        CountDownLatch enough = new CountDownLatch(ACKS_BEFORE_KILL);
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        AtomicBoolean killing = new AtomicBoolean();
        List<Thread> senders = new ArrayList<>();
        int exit;
        long killedAfterMillis;
        long started;
        try (OpenwecdProcess openwecd = OpenwecdProcess.start(fixture.config)) {
            int port = openwecd.awaitStarted();
            started = System.nanoTime();
            CountDownLatch subscribed = new CountDownLatch(MACHINES);
            for (Load load : machines) {
                senders.add(Thread.ofVirtual().name(load.name).start(() -> {
                    try (Machine machine = new Machine(load.certificate.clientContext(ServerFixture.CA), port)) {
                        Machine.Offer offer = Machine.offers(machine.enumerate()).getFirst();
                        subscribed.countDown();
                        while (true) {
                            long recordId = load.sent.incrementAndGet();
                            Machine.Answer answer = machine.events(offer.identifier(), offer.version(),
                                    Messages.bookmark(recordId), Messages.event(4624, recordId));
                            if (!answer.isAck()) {
                                throw new AssertionError(load.name + " got " + answer);
                            }
                            load.acknowledged.set(recordId);
                            enough.countDown();
                        }
                    } catch (IOException e) {
                        if (!killing.get()) {
                            unexpected.compareAndSet(null, e);
                            enough.countDown();
                        }
                        // else the server is gone: this machine's load ends here
                    } catch (Throwable e) {
                        unexpected.compareAndSet(null, e);
                        enough.countDown();
                    }
                }));
            }
            assertThat(subscribed.await(OpenwecdProcess.PATIENCE_SECONDS, TimeUnit.SECONDS))
                    .as("every machine enumerated").isTrue();
            assertThat(enough.await(OpenwecdProcess.PATIENCE_SECONDS, TimeUnit.SECONDS))
                    .as("%d batches acknowledged", ACKS_BEFORE_KILL).isTrue();
            assertThat(unexpected.get()).as("every batch acknowledged until the kill").isNull();
            long heartbeatsAwaited = System.nanoTime();
            while (db.heartbeats().heartbeats(HeartbeatQuery.bySubscription(security.uuid())).size() < MACHINES) {
                assertThat(millis(heartbeatsAwaited, System.nanoTime())).as("every machine's heartbeat flushed")
                        .isLessThan(TimeUnit.SECONDS.toMillis(OpenwecdProcess.PATIENCE_SECONDS));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            killing.set(true);
            exit = openwecd.kill();
            killedAfterMillis = millis(started, System.nanoTime());
            for (Thread sender : senders) {
                assertThat(sender.join(Duration.ofSeconds(OpenwecdProcess.PATIENCE_SECONDS)))
                        .as("%s stopped sending", sender.getName()).isTrue();
            }
        }
        assertThat(exit).as("killed by SIGKILL").isEqualTo(OpenwecdProcess.KILLED_BY_SIGKILL);
        assertThat(unexpected.get()).as("every batch acknowledged until the kill").isNull();

        long acknowledgedBatches = 0;
        long storedAtLeastAcknowledged = 0;
        long storedAheadOfAck = 0;
        long worstGap = 0;
        long acknowledgedEvents = 0;
        long acknowledgedEventsInFiles = 0;
        long withHeartbeat = 0;
        List<String> missing = new ArrayList<>();
        for (Load load : machines) {
            long acknowledged = load.acknowledged.get();
            acknowledgedBatches += acknowledged;
            long stored = recordId(db.bookmarks().bookmark(load.name, security.uuid()));
            if (stored >= acknowledged) {
                storedAtLeastAcknowledged++;
            } else {
                missing.add(load.name + ": acknowledged " + acknowledged + ", stored " + stored);
            }
            worstGap = Math.max(worstGap, acknowledged - stored);
            if (stored > acknowledged) {
                storedAheadOfAck++;
            }
            assertThat(stored).as("%s: never stored what it did not send", load.name)
                    .isLessThanOrEqualTo(load.sent.get());
            if (!db.heartbeats().heartbeats(HeartbeatQuery.byMachine(load.name, security.uuid())).isEmpty()) {
                withHeartbeat++;
            }
            Set<Long> written = eventRecordIds(fixture.output(OutputFormat.Raw, load.name));
            acknowledgedEvents += acknowledged;
            acknowledgedEventsInFiles += LongStream.rangeClosed(1, acknowledged).filter(written::contains)
                    .count();
        }
        System.out.printf("kill -9 under load on %s: %d machines, killed %d ms into the load (exit %d); "
                        + "%d batches acknowledged; %d/%d machines have their last acknowledged bookmark or a newer "
                        + "one stored (%d a newer one: the batch in flight), worst gap %d; %d/%d acknowledged "
                        + "events in the Raw files; %d/%d machines with a heartbeat row%n", backend(), MACHINES,
                killedAfterMillis, exit, acknowledgedBatches, storedAtLeastAcknowledged, MACHINES, storedAheadOfAck, worstGap,
                acknowledgedEventsInFiles, acknowledgedEvents, withHeartbeat, MACHINES);
        assertThat(missing).as("acknowledged bookmarks missing after kill -9 on %s", backend()).isEmpty();
        assertThat(acknowledgedEventsInFiles).as("acknowledged events in the output files")
                .isEqualTo(acknowledgedEvents);
        assertThat(withHeartbeat).as("heartbeat rows flushed before the kill, still there").isEqualTo(MACHINES);

        long checked = System.nanoTime();
        restartsAndOffersEachMachineItsStoredBookmark(fixture.config, db, security, machines);
        System.out.printf("phases (ms): certificates, database and start %d; load and kill %d; check %d; restart, "
                        + "%d Enumerates and stop %d%n", millis(testStarted, started), killedAfterMillis,
                millis(started, checked) - killedAfterMillis, MACHINES, millis(checked, System.nanoTime()));
    }

    private static void restartsAndOffersEachMachineItsStoredBookmark(Path config, Storage db, Subscription security,
                                                                      List<Load> machines) throws Exception {
        try (OpenwecdProcess openwecd = OpenwecdProcess.start(config)) {
            int port = openwecd.awaitStarted();
            List<Thread> enumerates = new ArrayList<>();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            for (Load load : machines) {
                String stored = db.bookmarks().bookmark(load.name, security.uuid()).orElseThrow();
                enumerates.add(Thread.ofVirtual().start(() -> {
                    try (Machine machine = new Machine(load.certificate.clientContext(ServerFixture.CA), port)) {
                        Machine.Offer offer = Machine.offers(machine.enumerate()).getFirst();
                        assertThat(offer.bookmark()).as("%s offered its stored bookmark", load.name).isEqualTo(stored);
                        if (load == machines.getFirst()) {
                            long next = recordId(Optional.of(stored)) + 1;
                            assertThat(machine.events(offer.identifier(), offer.version(), Messages.bookmark(next),
                                    Messages.event(4624, next)).isAck()).as("serves again").isTrue();
                        }
                    } catch (Throwable e) {
                        failed.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread enumerate : enumerates) {
                assertThat(enumerate.join(Duration.ofSeconds(OpenwecdProcess.PATIENCE_SECONDS))).isTrue();
            }
            assertThat(failed.get()).as("every machine offered its stored bookmark after the restart").isNull();
            assertThat(openwecd.stop()).as(openwecd.output.all()).isZero();
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static long recordId(Optional<String> bookmark) {
        if (bookmark.isEmpty()) {
            return 0;
        }
        Matcher matcher = RECORD_ID.matcher(bookmark.get());
        assertThat(matcher.find()).as(bookmark.get()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static Set<Long> eventRecordIds(Path file) throws IOException {
        Set<Long> ids = new HashSet<>();
        if (Files.exists(file)) {
            Matcher matcher = EVENT_RECORD_ID.matcher(Files.readString(file));
            while (matcher.find()) {
                ids.add(Long.parseLong(matcher.group(1)));
            }
        }
        return ids;
    }
}
