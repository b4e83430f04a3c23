package org.openwec.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.Storage;

/**
 * Two packaged {@code openwecd} processes (node-a and node-b, each on free ports) on one PostgreSQL database, as
 * behind a load balancer: a subscription changed with the {@code openwec} CLI reaches both within a few
 * {@code db_sync_interval}s, a machine moving from one node to the other keeps its bookmark, and the heartbeats
 * both nodes flush land in the one table, each machine with its latest {@code last_seen}.
 */
class TwoNodesIT {
    private static final int DB_SYNC_INTERVAL_SECONDS = 1;
    private static final int FLUSH_HEARTBEATS_INTERVAL_SECONDS = 1;
    private static final String SYSTEM_QUERY =
            "<QueryList><Query Id=\"0\"><Select Path=\"System\">*</Select></Query></QueryList>";

    private static final String ONLY_ON_A = "only-a.windomain.local";
    private static final String ONLY_ON_B = "only-b.windomain.local";

    @TempDir
    Path dir;

    @Test
    void two_nodes_on_one_database_share_subscriptions_bookmarks_and_heartbeats() throws Exception {
        assumeThat(OpenwecdProcess.JAR).as("the packaged jar (mvn package)").exists();
        ServerFixture fixture = ServerFixture.postgres(dir).config("", "");
        Subscription security = fixture.subscription("security", OutputFormat.Raw);
        fixture.database(security);
        Path nodeA = fixture.configFile("node-a.toml", ServerFixture.serverSection("node-a", DB_SYNC_INTERVAL_SECONDS,
                FLUSH_HEARTBEATS_INTERVAL_SECONDS), "", "");
        Path nodeB = fixture.configFile("node-b.toml", ServerFixture.serverSection("node-b", DB_SYNC_INTERVAL_SECONDS,
                FLUSH_HEARTBEATS_INTERVAL_SECONDS), "", "");
        TestPki.Issued onlyOnA = TestPki.machine(ServerFixture.CA, ONLY_ON_A);
        TestPki.Issued onlyOnB = TestPki.machine(ServerFixture.CA, ONLY_ON_B);

        try (fixture; OpenwecdProcess a = OpenwecdProcess.start(nodeA); OpenwecdProcess b = OpenwecdProcess.start(nodeB)) {
            int portA = a.awaitStarted();
            int portB = b.awaitStarted();
            Storage db = fixture.storage();
            try (Machine machineOnA = new Machine(ServerFixture.MACHINE_CERTIFICATE.clientContext(ServerFixture.CA), portA);
                 Machine machineOnB = new Machine(ServerFixture.MACHINE_CERTIFICATE.clientContext(ServerFixture.CA), portB);
                 Machine aOnly = new Machine(onlyOnA.clientContext(ServerFixture.CA), portA);
                 Machine bOnly = new Machine(onlyOnB.clientContext(ServerFixture.CA), portB)) {

                // A machine sends to node A, then the load balancer sends it to node B: B offers A's bookmark.
                Machine.Offer offerA = Machine.offers(machineOnA.enumerate()).getFirst();
                for (long recordId = 1; recordId <= 20; recordId++) {
                    assertThat(machineOnA.events(offerA.identifier(), offerA.version(), Messages.bookmark(recordId),
                            Messages.event(4624, recordId)).isAck()).isTrue();
                }
                Machine.Offer offerB = Machine.offers(machineOnB.enumerate()).getFirst();
                assertThat(offerB.bookmark()).as("node B offers node A's last acknowledged bookmark")
                        .isEqualTo(Messages.bookmark(20));
                for (long recordId = 21; recordId <= 30; recordId++) {
                    assertThat(machineOnB.events(offerB.identifier(), offerB.version(), Messages.bookmark(recordId),
                            Messages.event(4624, recordId)).isAck()).isTrue();
                }
                assertThat(db.bookmarks().bookmark(ServerFixture.MACHINE, security.uuid()))
                        .contains(Messages.bookmark(30));
                assertThat(Machine.offers(machineOnA.enumerate()).getFirst().bookmark())
                        .as("back on node A: node B's bookmark").isEqualTo(Messages.bookmark(30));
                assertThat(machineOnA.events(offerA.identifier(), offerA.version(), Messages.bookmark(31),
                        Messages.event(4624, 31)).isAck()).isTrue();
                assertThat(db.bookmarks().bookmark(ServerFixture.MACHINE, security.uuid()))
                        .contains(Messages.bookmark(31));

                // Heartbeats: one machine only on A, one only on B, and the moving machine on both, B last.
                long sentToA = Instant.now().getEpochSecond();
                // each node's "only" machine last: once its row is in, that node flushed the moving machine's too
                assertThat(machineOnA.heartbeat(offerA.identifier()).isAck()).isTrue();
                assertThat(aOnly.heartbeat(offerA.identifier()).isAck()).isTrue();
                long ackedByA = Instant.now().getEpochSecond();
                await("the clock passes the second of node A's heartbeat",
                        () -> Instant.now().getEpochSecond() > ackedByA);
                long sentToB = Instant.now().getEpochSecond();
                assertThat(machineOnB.heartbeat(offerB.identifier()).isAck()).isTrue();
                assertThat(bOnly.heartbeat(offerB.identifier()).isAck()).isTrue();
                long heartbeatsSent = System.nanoTime();
                await("node A's and node B's heartbeats flushed", () -> heartbeat(db, ONLY_ON_A, security).isPresent()
                        && heartbeat(db, ONLY_ON_B, security).isPresent());
                long heartbeatsLandedMillis = (System.nanoTime() - heartbeatsSent) / 1_000_000;
                assertThat(heartbeat(db, ONLY_ON_A, security).orElseThrow().lastSeen()).isBetween(sentToA, ackedByA);
                Heartbeat moving = db.heartbeats().heartbeats(HeartbeatQuery.byMachine(ServerFixture.MACHINE,
                        security.uuid())).getFirst();
                assertThat(moving.lastSeen()).as("the latest last_seen, node B's, whichever node flushed last")
                        .isGreaterThanOrEqualTo(sentToB);
                assertThat(moving.firstSeen()).as("the first seen, on node A").isLessThanOrEqualTo(ackedByA);

                // A subscription changed with the CLI reaches both nodes within a few db_sync_intervals.
                Path query = Files.writeString(dir.resolve("system.xml"), SYSTEM_QUERY);
                OpenwecdProcess.CliRun edit = OpenwecdProcess.openwec(fixture.config, "subscriptions", "edit",
                        "security", "--query", query.toString(), "--yes");
                assertThat(edit.code()).as(edit.output()).isZero();
                long edited = System.nanoTime();
                long seenOnA = await("node A offers the new query",
                        () -> !Machine.offers(machineOnA.enumerate()).getFirst().version().equals(offerA.version()));
                long seenOnB = await("node B offers the new query",
                        () -> !Machine.offers(machineOnB.enumerate()).getFirst().version().equals(offerB.version()));
                long onAMillis = (seenOnA - edited) / 1_000_000;
                long onBMillis = (seenOnB - edited) / 1_000_000;
                System.out.printf("two nodes, db_sync_interval %d s, flush_heartbeats_interval %d s: a query change "
                                + "by openwec (%d ms run) offered by node A %d ms and node B %d ms after the CLI ended; "
                                + "heartbeats of both nodes in the table %d ms after they were sent%n",
                        DB_SYNC_INTERVAL_SECONDS, FLUSH_HEARTBEATS_INTERVAL_SECONDS, edit.millis(), onAMillis, onBMillis,
                        heartbeatsLandedMillis);
                assertThat(List.of(onAMillis, onBMillis)).as("within 3 db_sync_intervals")
                        .allSatisfy(millis -> assertThat(millis).isLessThan(3_000L * DB_SYNC_INTERVAL_SECONDS));
                assertThat(Machine.offers(machineOnB.enumerate()).getFirst().bookmark())
                        .as("the bookmark stays with the subscription").isEqualTo(Messages.bookmark(31));
            }
            assertThat(a.stop()).as(a.output.all()).isZero();
            assertThat(b.stop()).as(b.output.all()).isZero();
        }
    }

    private static Optional<Heartbeat> heartbeat(Storage db, String machine, Subscription subscription) {
        return db.heartbeats().heartbeats(HeartbeatQuery.byMachine(machine, subscription.uuid())).stream().findFirst();
    }

    /**
     * Polls {@code condition} until it holds (it is something the processes do at their own pace: there is no clock
     * of theirs to advance), at most {@link OpenwecdProcess#PATIENCE_SECONDS}. Returns when it first held (nanoTime).
     */
    private static long await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(OpenwecdProcess.PATIENCE_SECONDS);
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("waited in vain for: %s", what).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return System.nanoTime();
    }
}
