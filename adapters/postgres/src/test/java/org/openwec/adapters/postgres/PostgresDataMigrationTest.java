package org.openwec.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.LongStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openwec.core.migration.MigrationEngine;
import org.openwec.core.model.ClientFilter;
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
 * The data rewrites of migrations 9, 12, 14 and 15 on real rows, written the way released OpenWEC versions
 * wrote them (the reference's own suite only ever migrates empty tables), and the downgrade checks. The
 * PostgreSQL twin of SqliteDataMigrationTest; it differs where the backends do: PostgreSQL back-fills the
 * filter kind in a version 15 of its own, so between 14 and 15 a legacy filter has a NULL kind.
 */
class PostgresDataMigrationTest {
    static final String LEGACY_UUID = "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE";
    static final String LEGACY_VERSION = "0c6f1e2a-9d8b-4c7e-b5a4-3f2e1d0c9b8a";
    static final String V010_OUTPUTS = "[{\"Files\":[\"Json\",{\"base\":\"/var/events\",\"split_on_addr_index\":2,"
            + "\"append_node_name\":true,\"filename\":\"messages\"},true]},"
            + "{\"Tcp\":[\"Raw\",{\"addr\":\"10.0.0.1\",\"port\":514},false]}]";
    static final String LEGACY_BOOKMARK =
            "<BookmarkList><Bookmark Channel=\"Security\" RecordId=\"123456\" IsCurrent=\"true\"/></BookmarkList>";

    private PostgresStorage opened;
    private Storage storage;
    private Jdbi raw;
    private MigrateSchema migrate;

    @BeforeEach
    void open() {
        opened = TestPostgres.freshStorage("data");
        storage = opened.storage();
        raw = TestPostgres.jdbi(TestPostgres.databaseOf(opened));
        migrate = new SchemaService(storage.schema(), storage.location(), MigrationEngine.Listener.SILENT);
        storage.schema().setupSchema();
    }

    @AfterEach
    void close() {
        opened.close();
    }

    /** What v0.1.0 (schema 1-5) left: old output shape, no content format, no filter. */
    private void fillAsV010() {
        migrateTo(5, MigrateSchema.Direction.UPGRADE);
        raw.useHandle(h -> {
            h.execute("""
                    INSERT INTO subscriptions (uuid, version, name, query, heartbeat_interval, connection_retry_count,
                        connection_retry_interval, max_time, max_envelope_size, enabled, read_existing_events, outputs, uri)
                    VALUES (?, ?, 'legacy', '<QueryList/>', 3600, 5, 60, 30, 512000, true, false, ?, NULL)""",
                    LEGACY_UUID, LEGACY_VERSION, V010_OUTPUTS);
            h.execute("INSERT INTO bookmarks (machine, subscription, bookmark) VALUES ('WIN10$@W.LOCAL', ?, ?)",
                    LEGACY_UUID, LEGACY_BOOKMARK);
            h.execute("""
                    INSERT INTO heartbeats (machine, ip, subscription, first_seen, last_seen, last_event_seen)
                    VALUES ('WIN10$@W.LOCAL', '192.168.58.100', ?, 1735689600, 1735693200, 1735693190)""", LEGACY_UUID);
        });
    }

    /** A v0.2.x/v0.3.0-era row (schema 8-13) with a principal filter. */
    private void insertPrincipalFilterAtVersion8() {
        migrateTo(8, MigrateSchema.Direction.UPGRADE);
        raw.useHandle(h -> h.execute("""
                INSERT INTO subscriptions (uuid, version, name, query, heartbeat_interval, connection_retry_count,
                    connection_retry_interval, max_time, max_envelope_size, enabled, read_existing_events, outputs, uri,
                    content_format, ignore_channel_error, princs_filter_op, princs_filter_value)
                VALUES (?, ?, 'filtered', 'q', 3600, 5, 60, 30, 512000, true, false, '[]',
                    '/x', 'Raw', false, 'Only', 'DC$@WINDOMAIN.LOCAL,WIN10$@WINDOMAIN.LOCAL')""",
                LEGACY_UUID, LEGACY_VERSION));
    }

    @Test
    void aV010DatabaseUpgradesToTheLatestEncoding() {
        fillAsV010();
        migrateTo(15, MigrateSchema.Direction.UPGRADE);

        Subscription s = storage.subscriptions().findSubscription("legacy").orElseThrow();
        assertThat(s.outputs()).containsExactly(
                new Output(OutputFormat.Json, new OutputDriver.Files("/var/events/{ip:2}/{ip:3}/{ip}/{client}/{node}/messages"), true),
                new Output(OutputFormat.Raw, OutputDriver.Tcp.plain("10.0.0.1", 514), false));
        // Column defaults back-filled by v6 and v7: v0.1.0 always asked for rendered text.
        assertThat(s.parameters().contentFormat()).isEqualTo(ContentFormat.RenderedText);
        assertThat(s.parameters().ignoreChannelError()).isTrue();
        assertThat(s.clientFilter()).isNull();
        assertThat(s.internalVersion()).isEqualTo(UUID.fromString(LEGACY_VERSION));
        assertThat(storage.bookmarks().bookmark("WIN10$@W.LOCAL", s.uuid())).contains(LEGACY_BOOKMARK);
        Heartbeat heartbeat = storage.heartbeats().heartbeats(HeartbeatQuery.all()).get(0);
        assertThat(heartbeat.firstSeen()).isEqualTo(1735689600L);
        assertThat(heartbeat.lastSeen()).isEqualTo(1735693200L);
        assertThat(heartbeat.lastEventSeen()).isEqualTo(1735693190L);
        // The v0.3.0-era Tcp shape is left in place by the reference's migrations; we read it, and keep it.
        assertThat(outputsColumn()).isEqualTo("[{\"format\":\"Json\",\"driver\":{\"Files\":{\"path\":"
                + "\"/var/events/{ip:2}/{ip:3}/{ip}/{client}/{node}/messages\"}},\"enabled\":true},"
                + "{\"format\":\"Raw\",\"driver\":{\"Tcp\":{\"addr\":\"10.0.0.1\",\"port\":514}},\"enabled\":false}]");
        String contentFormat = raw.withHandle(h -> h.createQuery("SELECT content_format FROM subscriptions")
                .mapTo(String.class).one());
        assertThat(contentFormat).isEqualTo("RenderedText");
        assertThat(storage.schema().appliedVersions())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
    }

    @Test
    void aPrincipalFilterHasNoKindAtVersion14AndIsStillReadAsAClientFilter() {
        insertPrincipalFilterAtVersion8();
        migrateTo(14, MigrateSchema.Direction.UPGRADE);

        // The reference's reader panics on this row; ours reads the only kind legacy filters had.
        assertThat(filterColumns()).containsEntry("client_filter_op", "Only").containsEntry("client_filter_kind", null)
                .containsEntry("client_filter_flags", null)
                .containsEntry("client_filter_targets", "DC$@WINDOMAIN.LOCAL,WIN10$@WINDOMAIN.LOCAL");
        assertLegacyClientFilter(storage.subscriptions().findSubscription("filtered").orElseThrow());
        assertThat(storage.subscriptions().subscriptions()).hasSize(1);
    }

    @Test
    void version15BackFillsTheClientKindOfAPrincipalFilter() {
        insertPrincipalFilterAtVersion8();
        migrateTo(14, MigrateSchema.Direction.UPGRADE);
        migrateTo(15, MigrateSchema.Direction.UPGRADE);

        assertThat(filterColumns()).containsEntry("client_filter_op", "Only").containsEntry("client_filter_kind", "Client")
                .containsEntry("client_filter_flags", null)
                .containsEntry("client_filter_targets", "DC$@WINDOMAIN.LOCAL,WIN10$@WINDOMAIN.LOCAL");
        assertLegacyClientFilter(storage.subscriptions().findSubscription("filtered").orElseThrow());
    }

    @Test
    void aV010DatabaseUpgradedThenDowngradedGetsItsExactLegacyOutputsBack() {
        fillAsV010();
        migrateTo(15, MigrateSchema.Direction.UPGRADE);
        MigrateSchema.Plan plan = migrate.planDowngrade(OptionalLong.of(5));
        assertThat(plan.losses()).isEmpty();
        migrate.execute(plan);

        // Better than the reference, whose v12 down replaces every Files path by /messages and disables it.
        assertThat(outputsColumn()).isEqualTo(V010_OUTPUTS);
        assertThat(subscriptionColumns()).endsWith("outputs", "uri");
        int bookmarks = raw.withHandle(h -> h.createQuery("SELECT count(*) FROM bookmarks").mapTo(Integer.class).one());
        assertThat(bookmarks).isEqualTo(1);
        assertThat(storage.schema().appliedVersions()).containsExactly(1L, 2L, 3L, 4L, 5L);

        migrateTo(15, MigrateSchema.Direction.UPGRADE);
        assertThat(storage.subscriptions().findSubscription("legacy").orElseThrow().outputs()).containsExactly(
                new Output(OutputFormat.Json, new OutputDriver.Files("/var/events/{ip:2}/{ip:3}/{ip}/{client}/{node}/messages"), true),
                new Output(OutputFormat.Raw, OutputDriver.Tcp.plain("10.0.0.1", 514), false));
    }

    @Test
    void aDowngradeSomeRowCannotSurviveIsRefusedBeforeAnythingIsTouched() {
        migrateTo(15, MigrateSchema.Direction.UPGRADE);
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
        assertThat(storage.schema().appliedVersions()).containsExactlyElementsOf(LongStream.rangeClosed(1, 15).boxed().toList());
        assertThat(outputsColumn()).isEqualTo(before);
    }

    /**
     * The planner refuses such a downgrade up front; the v9 down step itself, run anyway (a forced revert,
     * as the reference does it), fails on the RawJson output, names the subscription and rolls back whole.
     */
    @Test
    void aRowThatCannotBeConvertedFailsItsMigrationWhichRollsBackWhole() {
        migrateTo(15, MigrateSchema.Direction.UPGRADE);
        Subscription s = Subscription.create("modern", "q").withOutputs(List.of(
                new Output(OutputFormat.RawJson, OutputDriver.Tcp.plain("siem", 514), true)));
        storage.subscriptions().storeSubscription(s);
        String stored = outputsColumn();
        for (long version = 15; version >= 10; version--) {
            assertThat(storage.schema().revert(version)).isTrue();
        }

        assertThatThrownBy(() -> storage.schema().revert(9))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("Migration 9 (alter outputs format)")
                .hasMessageContaining(s.storedKey());
        // 15 down to 10 went through, one transaction each; 9 failed and left nothing half-done.
        assertThat(storage.schema().appliedVersions()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(stored).isEqualTo("[{\"format\":\"RawJson\",\"driver\":{\"Tcp\":{\"host\":\"siem\",\"port\":514,"
                + "\"tls_enabled\":false,\"tls_certificate_authorities\":[],\"tls_certificate\":null,\"tls_key\":null}},\"enabled\":true}]");
        assertThat(outputsColumn()).isEqualTo(stored);
    }

    @Test
    void aFailingRewriteLeavesEveryEarlierRowOfThatMigrationUntouched() {
        migrateTo(15, MigrateSchema.Direction.UPGRADE);
        // Rows are rewritten in uuid order: the convertible one comes first and is rewritten, then the
        // second fails; the rollback must undo the first row's rewrite too.
        Subscription convertible = withUuid(Subscription.create("convertible", "q"), "00000000-0000-4000-8000-000000000001")
                .withOutputs(List.of(new Output(OutputFormat.Json, new OutputDriver.Redis("localhost", "events"), true)));
        Subscription blocking = withUuid(Subscription.create("blocking", "q"), "FFFFFFFF-0000-4000-8000-000000000001")
                .withOutputs(List.of(new Output(OutputFormat.Nxlog, new OutputDriver.Redis("localhost", "l"), true)));
        storage.subscriptions().storeSubscription(convertible);
        storage.subscriptions().storeSubscription(blocking);
        for (long version = 15; version >= 10; version--) {
            storage.schema().revert(version);
        }
        Map<String, String> before = outputsByUuid();

        assertThatThrownBy(() -> storage.schema().revert(9))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(blocking.storedKey());

        assertThat(outputsByUuid()).isEqualTo(before);
        assertThat(storage.schema().appliedVersions()).contains(9L);
    }

    @Test
    void aLossyDowngradeIsRefusedUnlessAcceptedAndThenBehavesAsTheReference() {
        migrateTo(15, MigrateSchema.Direction.UPGRADE);
        Subscription s = Subscription.create("machines", "q").withClientFilter(ClientFilter.of(
                ClientFilterOperation.Except, ClientFilterKind.MachineID, new ClientFilterFlags(true, false), List.of("Host")));
        storage.subscriptions().storeSubscription(s);

        MigrateSchema.Plan plan = migrate.planDowngrade(OptionalLong.of(13));
        assertThatThrownBy(() -> migrate.execute(plan))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("would lose data")
                .hasMessageContaining("\"machines\": its client filter kind MachineID")
                .hasMessageContaining("--allow-data-loss");
        assertThat(storage.schema().appliedVersions()).contains(14L, 15L);

        migrate.execute(plan, true);
        migrateTo(15, MigrateSchema.Direction.UPGRADE);
        ClientFilter filter = storage.subscriptions().findSubscription("machines").orElseThrow().clientFilter();
        // v15 re-applied forces every configured filter to Client (OpenWEC common/src/database/schema/postgres/_015_add_default_client_filter_kind_in_subscriptions.rs at a41b95f).
        assertThat(filter.kind()).isEqualTo(ClientFilterKind.Client);
        assertThat(filter.flags()).isEqualTo(ClientFilterFlags.NONE);
        assertThat(filter.operation()).isEqualTo(ClientFilterOperation.Except);
        assertThat(filter.targets()).containsExactly("host");
    }

    @Test
    void everyValueADowngradeWouldDropIsNamed() {
        migrateTo(15, MigrateSchema.Direction.UPGRADE);
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

    private static void assertLegacyClientFilter(Subscription s) {
        assertThat(s.clientFilter().operation()).isEqualTo(ClientFilterOperation.Only);
        assertThat(s.clientFilter().kind()).isEqualTo(ClientFilterKind.Client);
        assertThat(s.clientFilter().flags()).isEqualTo(ClientFilterFlags.NONE);
        assertThat(s.clientFilter().targets()).containsExactlyInAnyOrder("DC$@WINDOMAIN.LOCAL", "WIN10$@WINDOMAIN.LOCAL");
        assertThat(s.clientFilter().accepts("DC$@WINDOMAIN.LOCAL", null)).isTrue();
        assertThat(s.clientFilter().accepts("OTHER$@WINDOMAIN.LOCAL", null)).isFalse();
    }

    private static Subscription withUuid(Subscription s, String uuid) {
        return new Subscription(UUID.fromString(uuid), s.internalVersion(), s.revision(), s.uri(), s.enabled(),
                s.parameters(), s.clientFilter(), s.outputs());
    }

    private void migrateTo(long version, MigrateSchema.Direction direction) {
        MigrateSchema.Plan plan = direction == MigrateSchema.Direction.UPGRADE
                ? migrate.planUpgrade(OptionalLong.of(version))
                : migrate.planDowngrade(OptionalLong.of(version));
        migrate.execute(plan);
    }

    private List<String> subscriptionColumns() {
        return raw.withHandle(h -> h.createQuery("""
                        SELECT column_name FROM information_schema.columns
                        WHERE table_schema = current_schema() AND table_name = 'subscriptions'
                        ORDER BY ordinal_position""")
                .mapTo(String.class).list());
    }

    private Map<String, Object> filterColumns() {
        return raw.withHandle(h -> h.createQuery(
                        "SELECT client_filter_op, client_filter_kind, client_filter_flags, client_filter_targets FROM subscriptions")
                .mapToMap().one());
    }

    private String outputsColumn() {
        return raw.withHandle(h -> h.createQuery("SELECT outputs FROM subscriptions").mapTo(String.class).one());
    }

    private Map<String, String> outputsByUuid() {
        Map<String, String> outputs = new HashMap<>();
        raw.useHandle(h -> h.createQuery("SELECT uuid, outputs FROM subscriptions")
                .map((rs, ctx) -> Map.entry(rs.getString("uuid"), rs.getString("outputs")))
                .forEach(e -> outputs.put(e.getKey(), e.getValue())));
        return outputs;
    }
}
