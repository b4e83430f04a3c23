package org.openwec.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.adapters.wef.BodyText;
import org.openwec.adapters.wef.http.CollectorListenerException;
import org.openwec.adapters.wef.kerberos.KerberosMachine;
import org.openwec.adapters.wef.kerberos.Scheme;
import org.openwec.adapters.wef.kerberos.TestKdc;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.Storage;

/**
 * openwecd with a Kerberos collector, from its settings file to the database, against the KDC the tests start:
 * the client principal is the machine for bookmarks, heartbeats and {@code {client}} output paths.
 */
class KerberosCollectorServerTest {

    private static final String PRINCIPAL = TestKdc.MACHINE;

    @TempDir
    Path dir;
    private TestKdc kdc;
    private ServerFixture fixture;
    private Subscription security;

    @BeforeEach
    void prepare() throws Exception {
        kdc = TestKdc.get();
        fixture = ServerFixture.sqlite(dir);
        security = fixture.subscription("security", OutputFormat.Raw);
        fixture.database(security);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private void configure(Path keytab) throws Exception {
        fixture.config = Files.writeString(dir.resolve("openwec-kerberos.conf.toml"), """
                [server]
                db_sync_interval = 5
                flush_heartbeats_interval = 5
                node_name = "test-node"
                keytab = "%s"

                [database]
                type = "SQLite"
                path = "%s"

                [[collectors]]
                hostname = "wec.windomain.local"
                listen_address = "127.0.0.1"
                listen_port = 0
                advertized_port = 5985
                [collectors.authentication]
                type = "Kerberos"
                service_principal_name = "%s"
                """.formatted(keytab, dir.resolve("db.sqlite"), TestKdc.SERVICE));
    }

    @Test
    void a_kerberos_machine_enumerates_sends_events_with_a_bookmark_and_heartbeats() throws Exception {
        configure(kdc.serviceKeytab());
        fixture.start();
        Storage db = fixture.storage();

        try (KerberosMachine machine = KerberosMachine.connect(fixture.port(), kdc.machine(PRINCIPAL), TestKdc.SERVICE,
                Scheme.NEGOTIATE, Messages.ENUMERATE_PATH)) {
            KerberosMachine.Answer enumerate = machine.post(Messages.ENUMERATE_PATH, Messages.enumerate());
            assertThat(enumerate.status()).isEqualTo(200);
            List<Machine.Offer> offers = Machine.offers(new Machine.Answer(200, BodyText.decode(enumerate.body()).text()));
            assertThat(offers).singleElement().satisfies(offer -> assertThat(offer.address())
                    .isEqualTo("http://wec.windomain.local:5985/wsman/subscriptions/" + security.storedKey()));
            Machine.Offer offer = offers.getFirst();

            KerberosMachine.Answer events = machine.post(Messages.subscriptionPath(offer.identifier()),
                    BodyText.encode(Messages.events(offer.identifier(), offer.version(), Messages.bookmark(1002),
                            Messages.event(4624, 1002))));
            assertThat(events.status()).isEqualTo(200);
            assertThat(BodyText.decode(events.body()).text()).contains("http://schemas.dmtf.org/wbem/wsman/1/wsman/Ack");
            assertThat(db.bookmarks().bookmark(PRINCIPAL, security.uuid())).contains(Messages.bookmark(1002));
            // {client} is the principal, its '$' dropped as the reference's sanitize_name does.
            assertThat(fixture.output(OutputFormat.Raw, "WIN10@WINDOMAIN.LOCAL")).content()
                    .contains("<EventID>4624</EventID>");

            KerberosMachine.Answer heartbeat = machine.post(Messages.subscriptionPath(offer.identifier()),
                    BodyText.encode(Messages.heartbeat(offer.identifier())));
            assertThat(heartbeat.status()).isEqualTo(200);
        }
        fixture.advance(Duration.ofSeconds(5));
        assertThat(db.heartbeats().heartbeats(HeartbeatQuery.byMachine(PRINCIPAL, security.uuid()))).hasSize(1);
    }

    @Test
    void a_keytab_without_the_service_principal_stops_the_start_with_one_line() throws Exception {
        Path keytab = kdc.machineKeytab(PRINCIPAL);
        configure(keytab);

        assertThatThrownBy(fixture::start).isInstanceOf(CollectorListenerException.class)
                .hasMessageStartingWith("keytab " + keytab + " holds no key for " + TestKdc.SERVICE);
    }
}
