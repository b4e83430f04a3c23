package org.openwec.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.core.model.ClientFilter;
import org.openwec.core.model.ClientFilterFlags;
import org.openwec.core.model.ClientFilterKind;
import org.openwec.core.model.ClientFilterOperation;
import org.openwec.core.model.ContentFormat;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.port.out.Storage;

/**
 * What we write is what the reference writes, column by column (OpenWEC common/src/database/sqlite.rs at a41b95f), so a
 * database written by us reads back in OpenWEC; and a row written by OpenWEC reads back in ours.
 */
class SqliteStoredFormatTest {
    static final String QUERY = "<QueryList>\n    <Query Id=\"0\">\n        <Select Path=\"Security\">*</Select>\n    </Query>\n</QueryList>\n";
    static final String OUTPUTS = "[{\"format\":\"Raw\",\"driver\":{\"Files\":{\"path\":\"/var/log/openwec/{ip:2}/{ip:3}/{ip}/{client}/messages\"}},\"enabled\":true},"
            + "{\"format\":\"Json\",\"driver\":{\"Tcp\":{\"host\":\"siem.example.org\",\"port\":5000,\"tls_enabled\":false,\"tls_certificate_authorities\":[],\"tls_certificate\":null,\"tls_key\":null}},\"enabled\":false}]";

    @TempDir
    Path directory;
    private SqliteTestDatabases databases;
    private Storage storage;
    private Jdbi raw;

    @BeforeEach
    void open() {
        databases = new SqliteTestDatabases(directory);
        storage = databases.initialised();
        raw = SqliteTestDatabases.raw(SqliteTestDatabases.pathOf(storage));
    }

    @AfterEach
    void close() throws Exception {
        databases.close();
    }

    /** A subscription with every column set, as our model holds it. */
    static Subscription workedExample() {
        SubscriptionParameters parameters = SubscriptionParameters.defaults("windows-security", QUERY);
        return new Subscription(UUID.fromString("5F3A9C2E-8B1D-4E6F-A7C0-1D2E3F4A5B6C"),
                UUID.fromString("0c6f1e2a-9d8b-4c7e-b5a4-3f2e1d0c9b8a"), "4f2a1c9", "/security", true, parameters,
                ClientFilter.of(ClientFilterOperation.Except, ClientFilterKind.Client, new ClientFilterFlags(true, false),
                        List.of("TEST01$@WINDOMAIN.LOCAL", "test02$@windomain.local")),
                List.of(new Output(OutputFormat.Raw,
                                new OutputDriver.Files("/var/log/openwec/{ip:2}/{ip:3}/{ip}/{client}/messages"), true),
                        new Output(OutputFormat.Json, OutputDriver.Tcp.plain("siem.example.org", 5000), false)));
    }

    @Test
    void theWorkedExampleIsStoredInTheReferenceEncoding() {
        storage.subscriptions().storeSubscription(workedExample());
        Map<String, Object> row = raw.withHandle(h -> h.createQuery("SELECT * FROM subscriptions").mapToMap().one());
        assertThat(row).containsEntry("uuid", "5F3A9C2E-8B1D-4E6F-A7C0-1D2E3F4A5B6C")
                .containsEntry("version", "0c6f1e2a-9d8b-4c7e-b5a4-3f2e1d0c9b8a")
                .containsEntry("name", "windows-security")
                .containsEntry("query", QUERY)
                .containsEntry("heartbeat_interval", 3600)
                .containsEntry("connection_retry_count", 5)
                .containsEntry("connection_retry_interval", 60)
                .containsEntry("max_time", 30)
                .containsEntry("max_envelope_size", 512000)
                .containsEntry("enabled", 1)
                .containsEntry("read_existing_events", 0)
                .containsEntry("outputs", OUTPUTS)
                .containsEntry("uri", "/security")
                .containsEntry("content_format", "Raw")
                .containsEntry("ignore_channel_error", 1)
                .containsEntry("client_filter_op", "Except")
                .containsEntry("client_filter_targets", "test01$@windomain.local,test02$@windomain.local")
                .containsEntry("revision", "4f2a1c9")
                .containsEntry("locale", null)
                .containsEntry("data_locale", null)
                .containsEntry("max_elements", null)
                .containsEntry("client_filter_kind", "Client")
                .containsEntry("client_filter_flags", 1);
    }

    @Test
    void aRowWrittenByTheReferenceReadsBackAsTheWorkedExample() {
        raw.useHandle(h -> h.execute("""
                INSERT INTO subscriptions (uuid, version, name, query, heartbeat_interval, connection_retry_count,
                    connection_retry_interval, max_time, max_envelope_size, enabled, read_existing_events, outputs, uri,
                    content_format, ignore_channel_error, client_filter_op, client_filter_targets, revision, locale,
                    data_locale, max_elements, client_filter_kind, client_filter_flags)
                VALUES ('5F3A9C2E-8B1D-4E6F-A7C0-1D2E3F4A5B6C', '0c6f1e2a-9d8b-4c7e-b5a4-3f2e1d0c9b8a', 'windows-security',
                    ?, 3600, 5, 60, 30, 512000, 1, 0, ?, '/security', 'Raw', 1, 'Except',
                    'test01$@windomain.local,test02$@windomain.local', '4f2a1c9', NULL, NULL, NULL, 'Client', 1)
                """, QUERY, OUTPUTS));
        Subscription read = storage.subscriptions().findSubscription("windows-security").orElseThrow();
        assertThat(read).isEqualTo(workedExample());
        assertThat(read.publicVersion()).isEqualTo(UUID.fromString("0f0a671e-3db6-b327-0f0a-671e3db6b327"));
        assertThat(read.isActive()).isTrue();
        assertThat(read.isActiveFor("TEST01$@WINDOMAIN.LOCAL", null)).isFalse();
        assertThat(read.isActiveFor("OTHER$@WINDOMAIN.LOCAL", null)).isTrue();
    }

    @Test
    void aFilterWithoutFlagsStoresZeroAndNoFilterStoresNulls() {
        Subscription filtered = Subscription.create("filtered", "q").withClientFilter(ClientFilter.of(
                ClientFilterOperation.Only, ClientFilterKind.MachineID, ClientFilterFlags.NONE, List.of("a")));
        Subscription open = Subscription.create("open", "q");
        storage.subscriptions().storeSubscription(filtered);
        storage.subscriptions().storeSubscription(open);
        Map<String, Object> f = row("filtered");
        assertThat(f).containsEntry("client_filter_op", "Only").containsEntry("client_filter_kind", "MachineID")
                .containsEntry("client_filter_flags", 0).containsEntry("client_filter_targets", "a");
        Map<String, Object> o = row("open");
        assertThat(o).containsEntry("client_filter_op", null).containsEntry("client_filter_kind", null)
                .containsEntry("client_filter_flags", null).containsEntry("client_filter_targets", null)
                .containsEntry("outputs", "[]");
    }

    @Test
    void legacyFilterRowsWithNullFlagsOrNullKindReadAsExactClientFilters() {
        raw.useHandle(h -> h.execute("""
                INSERT INTO subscriptions (uuid, version, name, query, heartbeat_interval, connection_retry_count,
                    connection_retry_interval, max_time, max_envelope_size, enabled, read_existing_events, outputs,
                    content_format, ignore_channel_error, client_filter_op, client_filter_targets, client_filter_kind)
                VALUES ('11111111-2222-3333-4444-555555555555', '0c6f1e2a-9d8b-4c7e-b5a4-3f2e1d0c9b8b', 'legacy',
                    'q', 3600, 5, 60, 30, 512000, 1, 0, '[]', 'RenderedText', 1, 'only', 'DC$@W.LOCAL,WIN10$@W.LOCAL', NULL)
                """));
        ClientFilter filter = storage.subscriptions().findSubscription("legacy").orElseThrow().clientFilter();
        assertThat(filter.operation()).isEqualTo(ClientFilterOperation.Only);
        assertThat(filter.kind()).isEqualTo(ClientFilterKind.Client);
        assertThat(filter.flags()).isEqualTo(ClientFilterFlags.NONE);
        assertThat(filter.accepts("DC$@W.LOCAL", null)).isTrue();
        assertThat(filter.accepts("dc$@w.local", null)).isFalse();
    }

    @Test
    void theReferenceDefaultsOfANewSubscriptionAreStored() {
        storage.subscriptions().storeSubscription(Subscription.create("defaults", "q")
                .withParameters(SubscriptionParameters.defaults("defaults", "q").withContentFormat(ContentFormat.RenderedText)));
        assertThat(row("defaults")).containsEntry("content_format", "RenderedText").containsEntry("enabled", 1)
                .containsEntry("ignore_channel_error", 1).containsEntry("max_elements", null);
    }

    private Map<String, Object> row(String name) {
        return raw.withHandle(h -> h.createQuery("SELECT * FROM subscriptions WHERE name = :n").bind("n", name)
                .mapToMap().one());
    }
}
