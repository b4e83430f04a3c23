package org.openwec.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.LongStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.model.ClientFilterFlags;
import org.openwec.core.model.ClientFilterKind;
import org.openwec.core.model.ClientFilterOperation;
import org.openwec.core.model.ContentFormat;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.MigrateSchema;
import org.openwec.core.port.out.Storage;
import org.openwec.core.service.SchemaService;

/**
 * The data rewrites of migrations 9, 12 and 14 on real rows, written the way released OpenWEC versions
 * wrote them (the reference's own suite only ever migrates empty tables).
 */
class SqliteDataMigrationTest {
    static final String LEGACY_UUID = "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE";
    static final String V010_OUTPUTS = "[{\"Files\":[\"Json\",{\"base\":\"/var/events\",\"split_on_addr_index\":2,"
            + "\"append_node_name\":true,\"filename\":\"messages\"},true]},"
            + "{\"Tcp\":[\"Raw\",{\"addr\":\"10.0.0.1\",\"port\":514},false]}]";

    @TempDir
    Path directory;
    private SqliteTestDatabases databases;
    private Storage storage;
    private Jdbi raw;
    private MigrateSchema migrate;

    @BeforeEach
    void open() {
        databases = new SqliteTestDatabases(directory);
        storage = databases.uninitialised();
        raw = SqliteTestDatabases.raw(SqliteTestDatabases.pathOf(storage));
        migrate = new SchemaService(storage.schema(), storage.location(), MigrationEngine.Listener.SILENT);
        storage.schema().setupSchema();
    }

    @AfterEach
    void close() throws Exception {
        databases.close();
    }

    /** What v0.1.0 (schema 1-5) left: old output shape, no content format, no filter. */
    private void fillAsV010() {
        migrateTo(5, MigrateSchema.Direction.UPGRADE);
        raw.useHandle(h -> {
            h.execute("""
                    INSERT INTO subscriptions (uuid, version, name, query, heartbeat_interval, connection_retry_count,
                        connection_retry_interval, max_time, max_envelope_size, enabled, read_existing_events, outputs, uri)
                    VALUES (?, '0c6f1e2a-9d8b-4c7e-b5a4-3f2e1d0c9b8a', 'legacy', '<QueryList/>', 3600, 5, 60, 30, 512000,
                        1, 0, ?, NULL)""", LEGACY_UUID, V010_OUTPUTS);
            h.execute("INSERT INTO bookmarks (machine, subscription, bookmark) VALUES ('WIN10$@W.LOCAL', ?, ?)",
                    LEGACY_UUID, "<BookmarkList><Bookmark Channel=\"Security\" RecordId=\"123456\" IsCurrent=\"true\"/></BookmarkList>");
            h.execute("""
                    INSERT INTO heartbeats (machine, ip, subscription, first_seen, last_seen, last_event_seen)
                    VALUES ('WIN10$@W.LOCAL', '192.168.58.100', ?, 1735689600, 1735693200, 1735693190)""", LEGACY_UUID);
        });
    }

    @Test
    void aV010DatabaseUpgradesToTheLatestEncoding() {
        fillAsV010();
        migrateTo(14, MigrateSchema.Direction.UPGRADE);

        Subscription s = storage.subscriptions().findSubscription("legacy").orElseThrow();
        assertThat(s.outputs()).containsExactly(
                new Output(OutputFormat.Json, new OutputDriver.Files("/var/events/{ip:2}/{ip:3}/{ip}/{client}/{node}/messages"), true),
                new Output(OutputFormat.Raw, OutputDriver.Tcp.plain("10.0.0.1", 514), false));
        // Column defaults back-filled by v6 and v7: v0.1.0 always asked for rendered text.
        assertThat(s.parameters().contentFormat()).isEqualTo(ContentFormat.RenderedText);
        assertThat(s.parameters().ignoreChannelError()).isTrue();
        assertThat(s.clientFilter()).isNull();
        assertThat(s.internalVersion()).isEqualTo(UUID.fromString("0c6f1e2a-9d8b-4c7e-b5a4-3f2e1d0c9b8a"));
        assertThat(storage.bookmarks().bookmark("WIN10$@W.LOCAL", s.uuid())).contains(
                "<BookmarkList><Bookmark Channel=\"Security\" RecordId=\"123456\" IsCurrent=\"true\"/></BookmarkList>");
        Heartbeat heartbeat = storage.heartbeats().heartbeats(HeartbeatQuery.all()).get(0);
        assertThat(heartbeat.firstSeen()).isEqualTo(1735689600L);
        assertThat(heartbeat.lastEventSeen()).isEqualTo(1735693190L);
        // The v0.3.0-era Tcp shape is left in place by the reference's migrations; we read it, and keep it.
        assertThat(outputsColumn()).isEqualTo("[{\"format\":\"Json\",\"driver\":{\"Files\":{\"path\":"
                + "\"/var/events/{ip:2}/{ip:3}/{ip}/{client}/{node}/messages\"}},\"enabled\":true},"
                + "{\"format\":\"Raw\",\"driver\":{\"Tcp\":{\"addr\":\"10.0.0.1\",\"port\":514}},\"enabled\":false}]");
    }

    @Test
    void aPrincipalFilterBecomesAClientFilterAtVersion14() {
        migrateTo(8, MigrateSchema.Direction.UPGRADE);
        raw.useHandle(h -> h.execute("""
                INSERT INTO subscriptions (uuid, version, name, query, heartbeat_interval, connection_retry_count,
                    connection_retry_interval, max_time, max_envelope_size, enabled, read_existing_events, outputs, uri,
                    content_format, ignore_channel_error, princs_filter_op, princs_filter_value)
                VALUES (?, '0c6f1e2a-9d8b-4c7e-b5a4-3f2e1d0c9b8a', 'filtered', 'q', 3600, 5, 60, 30, 512000, 1, 0, '[]',
                    '/x', 'Raw', 0, 'Only', 'DC$@WINDOMAIN.LOCAL,WIN10$@WINDOMAIN.LOCAL')""", LEGACY_UUID));
        migrateTo(14, MigrateSchema.Direction.UPGRADE);

        Map<String, Object> row = raw.withHandle(h -> h.createQuery(
                "SELECT client_filter_op, client_filter_kind, client_filter_flags, client_filter_targets FROM subscriptions")
                .mapToMap().one());
        assertThat(row).containsEntry("client_filter_op", "Only").containsEntry("client_filter_kind", "Client")
                .containsEntry("client_filter_flags", null)
                .containsEntry("client_filter_targets", "DC$@WINDOMAIN.LOCAL,WIN10$@WINDOMAIN.LOCAL");
        Subscription s = storage.subscriptions().findSubscription("filtered").orElseThrow();
        assertThat(s.clientFilter().operation()).isEqualTo(ClientFilterOperation.Only);
        assertThat(s.clientFilter().kind()).isEqualTo(ClientFilterKind.Client);
        assertThat(s.clientFilter().flags()).isEqualTo(ClientFilterFlags.NONE);
        assertThat(s.clientFilter().targets()).containsExactlyInAnyOrder("DC$@WINDOMAIN.LOCAL", "WIN10$@WINDOMAIN.LOCAL");
    }

    @Test
    void aV010DatabaseUpgradedThenDowngradedGetsItsExactLegacyOutputsBack() {
        fillAsV010();
        migrateTo(14, MigrateSchema.Direction.UPGRADE);
        MigrateSchema.Plan plan = migrate.planDowngrade(OptionalLong.of(5));
        assertThat(plan.losses()).isEmpty();
        migrate.execute(plan);

        // Better than the reference, whose v12 down replaces every Files path by /messages and disables it.
        assertThat(outputsColumn()).isEqualTo(V010_OUTPUTS);
        List<String> columns = raw.withHandle(h -> h.createQuery("SELECT name FROM pragma_table_info('subscriptions') ORDER BY cid")
                .mapTo(String.class).list());
        assertThat(columns).endsWith("outputs", "uri");
        int bookmarks = raw.withHandle(h -> h.createQuery("SELECT count(*) FROM bookmarks").mapTo(Integer.class).one());
        assertThat(bookmarks).isEqualTo(1);

        migrateTo(14, MigrateSchema.Direction.UPGRADE);
        assertThat(storage.subscriptions().findSubscription("legacy").orElseThrow().outputs()).containsExactly(
                new Output(OutputFormat.Json, new OutputDriver.Files("/var/events/{ip:2}/{ip:3}/{ip}/{client}/{node}/messages"), true),
                new Output(OutputFormat.Raw, OutputDriver.Tcp.plain("10.0.0.1", 514), false));
    }

    @Test
    void aDowngradeSomeRowCannotSurviveIsRefusedBeforeAnythingIsTouched() {
        migrateTo(14, MigrateSchema.Direction.UPGRADE);
        Subscription s = Subscription.create("modern", "q").withOutputs(List.of(
                new Output(OutputFormat.RawJson, OutputDriver.Tcp.plain("siem", 514), true)));
        storage.subscriptions().storeSubscription(s);
        String before = outputsColumn();

        MigrateSchema.Plan plan = migrate.planDowngrade(OptionalLong.of(8));
        assertThat(plan.blocked()).isTrue();
        for (boolean allowDataLoss : new boolean[] {false, true}) {
            assertThatThrownBy(() -> migrate.execute(plan, allowDataLoss))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("cannot convert")
                    .hasMessageContaining("\"modern\"")
                    .hasMessageContaining("Nothing was changed");
        }
        assertThat(storage.schema().appliedVersions()).containsExactlyElementsOf(LongStream.rangeClosed(1, 14).boxed().toList());
        assertThat(outputsColumn()).isEqualTo(before);
    }

    @Test
    void aLossyDowngradeIsRefusedUnlessAcceptedAndThenBehavesAsTheReference() {
        migrateTo(14, MigrateSchema.Direction.UPGRADE);
        Subscription s = Subscription.create("machines", "q").withClientFilter(org.openwec.core.model.ClientFilter.of(
                ClientFilterOperation.Except, ClientFilterKind.MachineID, new ClientFilterFlags(true, false), List.of("Host")));
        storage.subscriptions().storeSubscription(s);

        MigrateSchema.Plan plan = migrate.planDowngrade(OptionalLong.of(13));
        assertThatThrownBy(() -> migrate.execute(plan))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("would lose data")
                .hasMessageContaining("\"machines\": its client filter kind MachineID")
                .hasMessageContaining("--allow-data-loss");
        assertThat(storage.schema().appliedVersions()).contains(14L);

        migrate.execute(plan, true);
        migrateTo(14, MigrateSchema.Direction.UPGRADE);
        var filter = storage.subscriptions().findSubscription("machines").orElseThrow().clientFilter();
        assertThat(filter.kind()).isEqualTo(ClientFilterKind.Client);
        assertThat(filter.flags()).isEqualTo(ClientFilterFlags.NONE);
        assertThat(filter.targets()).containsExactly("host");
    }

    @Test
    void everyValueADowngradeWouldDropIsNamed() {
        migrateTo(14, MigrateSchema.Direction.UPGRADE);
        Subscription s = Subscription.create("rich", "q")
                .withUri("/rich").withRevision("r1")
                .withParameters(SubscriptionParameters.defaults("rich", "q").withLocale("fr-FR").withDataLocale("en-US")
                        .withMaxElements(10L).withIgnoreChannelError(false))
                .withOutputs(List.of(new Output(OutputFormat.Json, new OutputDriver.Files("/custom/{client}.log"), true)));
        storage.subscriptions().storeSubscription(s);
        storage.bookmarks().storeBookmark("m", s.uuid(), "<b/>");

        List<String> losses = migrate.planDowngrade(OptionalLong.of(0)).losses().stream().map(Object::toString).toList();
        assertThat(String.join("\n", losses))
                .contains("max_elements = 10 would be dropped (reverting 13)")
                .contains("Files output path '/custom/{client}.log' cannot be expressed before version 12")
                .contains("locale = fr-FR would be dropped (reverting 11)")
                .contains("data_locale = en-US would be dropped (reverting 11)")
                .contains("revision = r1 would be dropped (reverting 10)")
                .contains("ignore_channel_error = false would be dropped")
                .contains("content format Raw would be dropped")
                .contains("uri = /rich would be dropped (reverting 5)")
                .contains("1 bookmarks would be deleted")
                .contains("the subscription would be deleted (reverting 1)");
    }

    private void migrateTo(long version, MigrateSchema.Direction direction) {
        MigrateSchema.Plan plan = direction == MigrateSchema.Direction.UPGRADE
                ? migrate.planUpgrade(OptionalLong.of(version))
                : migrate.planDowngrade(OptionalLong.of(version));
        migrate.execute(plan);
    }

    private String outputsColumn() {
        return raw.withHandle(h -> h.createQuery("SELECT outputs FROM subscriptions").mapTo(String.class).one());
    }
}
