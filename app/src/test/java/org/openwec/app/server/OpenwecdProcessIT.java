package org.openwec.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.Storage;

/**
 * The packaged {@code openwecd} (app/target/openwec.jar, as ./openwecd runs it) as a process of its own: it starts
 * on a settings file, a machine enumerates and sends events, SIGHUP reloads, SIGTERM stops it with exit code 0
 * and the bookmark and heartbeats stored. Runs after {@code package} (failsafe), since it needs the jar.
 */
class OpenwecdProcessIT {
    @TempDir
    Path dir;

    @Test
    void the_packaged_openwecd_serves_reloads_on_sighup_and_stops_on_sigterm_with_everything_stored() throws Exception {
        assumeThat(OpenwecdProcess.JAR).as("the packaged jar (mvn package)").exists();
        ServerFixture fixture = ServerFixture.sqlite(dir).config("", "");
        Subscription security = fixture.subscription("security", OutputFormat.Raw);
        fixture.database(security);

        try (OpenwecdProcess openwecd = OpenwecdProcess.start(fixture.config)) {
            int port = openwecd.awaitStarted();
            openwecd.output.await("openwecd started: 1 collector(s), 1 active subscription(s), database SQLite");

            try (Machine machine = new Machine(ServerFixture.MACHINE_CERTIFICATE.clientContext(ServerFixture.CA), port)) {
                Machine.Offer offer = Machine.offers(machine.enumerate()).getFirst();
                assertThat(offer.identifier()).isEqualTo(security.storedKey());
                assertThat(machine.events(offer.identifier(), offer.version(), Messages.bookmark(42),
                        Messages.event(4624, 42)).isAck()).isTrue();

                openwecd.signal("HUP");
                openwecd.output.await("Subscriptions reloaded: 1 active; outputs reopened");
                assertThat(machine.heartbeat(offer.identifier()).isAck()).as("still serving after SIGHUP").isTrue();
            }

            assertThat(openwecd.stop()).as(openwecd.output.all()).isZero();
            openwecd.output.await("Stopping on SIGTERM");
            openwecd.output.await("openwecd stopped in");
        }

        try (fixture) {
            Storage db = fixture.storage();
            assertThat(db.bookmarks().bookmark(ServerFixture.MACHINE, security.uuid())).contains(Messages.bookmark(42));
            assertThat(db.heartbeats().heartbeats(HeartbeatQuery.byMachine(ServerFixture.MACHINE, security.uuid())))
                    .as("flushed at the stop").singleElement()
                    .satisfies(heartbeat -> assertThat(heartbeat.lastEventSeen()).isNotNull());
        }
        assertThat(Files.readString(fixture.output(OutputFormat.Raw, ServerFixture.MACHINE)))
                .isEqualTo(Messages.event(4624, 42) + "\n");
    }

    /** As an administrator's `kill -HUP` followed at once by `kill`: the reload comes before the stop, or not at all. */
    @Test
    void a_sighup_racing_a_sigterm_never_reloads_while_the_server_stops() throws Exception {
        assumeThat(OpenwecdProcess.JAR).as("the packaged jar (mvn package)").exists();
        ServerFixture fixture = ServerFixture.sqlite(dir).config("", "");
        fixture.database(fixture.subscription("security", OutputFormat.Raw));

        try (fixture; OpenwecdProcess openwecd = OpenwecdProcess.start(fixture.config)) {
            openwecd.awaitStarted();
            openwecd.output.await("openwecd started: 1 collector(s)");

            openwecd.signal("HUP");
            assertThat(openwecd.stop()).as(openwecd.output.all()).isZero();

            openwecd.output.awaitEnd();
            String log = openwecd.output.all();
            assertThat(log.substring(log.indexOf("Stopping on SIGTERM"))).as(log)
                    .doesNotContain("Received SIGHUP: reloading", "Subscriptions reloaded", "Reload on SIGHUP failed");
        }
    }
}
