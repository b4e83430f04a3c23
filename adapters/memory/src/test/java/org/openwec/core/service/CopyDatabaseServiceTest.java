package org.openwec.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.ClientFilter;
import org.openwec.core.model.ClientFilterFlags;
import org.openwec.core.model.ClientFilterKind;
import org.openwec.core.model.ClientFilterOperation;
import org.openwec.core.model.ContentFormat;
import org.openwec.core.model.Heartbeat;
import org.openwec.core.model.HeartbeatFlushReport;
import org.openwec.core.model.HeartbeatQuery;
import org.openwec.core.model.HeartbeatRecord;
import org.openwec.core.model.HeartbeatUpdate;
import org.openwec.core.model.Machine;
import org.openwec.core.model.MachineState;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.RowKey;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.model.SubscriptionStats;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.CopyDatabase;
import org.openwec.core.port.in.CopyDatabase.RowCounts;
import org.openwec.core.port.in.CopyDatabase.Table;
import org.openwec.core.port.in.CopyDatabase.TableCheck;
import org.openwec.core.port.in.CopyDatabase.Tally;
import org.openwec.core.port.in.CopyDatabase.Verification;
import org.openwec.core.port.out.BookmarkPort;
import org.openwec.core.port.out.HeartbeatPort;
import org.openwec.core.port.out.Storage;
import org.openwec.core.port.out.SubscriptionPort;

/**
 * The copy's rules on two small in-memory databases (the real backends are copied in the app's tests): paging,
 * chunking, orphans, refusal of a non-empty target, merge, re-runs and the verification's verdicts. Pages,
 * writes and failures are counted and injected by wrapping the in-memory ports.
 */
class CopyDatabaseServiceTest {
    private static final int CHUNK = 7;

    private final Instrumented source = new Instrumented("source database");
    private final Instrumented target = new Instrumented("target database");

    private Subscription a;
    private Subscription b;

    private CopyDatabaseService copy() {
        return new CopyDatabaseService(source.storage(), MemoryStorages.opener(target.storage()), CHUNK, "target.toml");
    }

    private void fillSource(int bookmarksPerSubscription, int heartbeatsPerSubscription) {
        a = full();
        b = Subscription.create("b", "query");
        source.store(a);
        source.store(b);
        for (Subscription s : List.of(a, b)) {
            List<Bookmark> bookmarks = new ArrayList<>();
            for (int i = 0; i < bookmarksPerSubscription; i++) {
                bookmarks.add(new Bookmark("machine-" + i, s.uuid(), "<b " + i + "/>"));
            }
            source.inner.bookmarks().storeBookmarks(bookmarks);
            List<HeartbeatRecord> heartbeats = new ArrayList<>();
            for (int i = 0; i < heartbeatsPerSubscription; i++) {
                heartbeats.add(new HeartbeatRecord("machine-" + i, s.uuid(), "10.0.0." + i, 1000L + i, 2000L + i,
                        i % 2 == 0 ? null : 3000L + i));
            }
            source.inner.heartbeats().restoreHeartbeats(heartbeats);
        }
    }

    @Test
    void copiesEveryRowInChunksAndTheVerificationMatches() {
        fillSource(20, 10);
        List<String> progress = new ArrayList<>();
        CopyDatabase.Listener listener = (phase, table, rows) -> progress.add(phase + " " + table + " " + rows);

        CopyDatabaseService copy = copy();
        Tally survey = copy.survey(listener);
        Tally copied = copy.copy(false, listener);
        Verification verification = copy.verify(listener);

        assertThat(survey.rows()).isEqualTo(new RowCounts(2, 40, 20)).isEqualTo(copied.rows());
        assertThat(copied.orphans()).isEqualTo(RowCounts.NONE);
        assertThat(target.subscriptions()).isEqualTo(source.subscriptions());
        assertThat(target.bookmarks()).isEqualTo(source.bookmarks());
        assertThat(target.heartbeats()).isEqualTo(source.heartbeats());
        assertThat(verification.matches()).isTrue();
        assertThat(verification.tables()).extracting(TableCheck::table).containsExactly(Table.values());
        assertThat(verification.tables()).allSatisfy(t -> {
            assertThat(t.targetRows()).isEqualTo(t.sourceRows());
            assertThat(t.targetChecksum()).isEqualTo(t.sourceChecksum());
        });
        assertThat(verification.tables().get(1).sourceRows()).isEqualTo(40);

        // Bounded memory: no page asked for more than a chunk, no write carried more than a chunk.
        assertThat(source.largestPageAsked.get()).isEqualTo(CHUNK);
        assertThat(target.largestWrite).isLessThanOrEqualTo(CHUNK);
        assertThat(target.writes).isGreaterThanOrEqualTo(40 / CHUNK + 20 / CHUNK);
        assertThat(progress).contains("COPY BOOKMARKS 40", "COPY HEARTBEATS 20", "VERIFY_TARGET BOOKMARKS 40",
                "SURVEY SUBSCRIPTIONS 2", "VERIFY_SOURCE HEARTBEATS 20", "COPY SUBSCRIPTIONS 2");
    }

    @Test
    void anEmptySourceCopiesNothingAndVerifies() {
        CopyDatabaseService copy = copy();
        assertThat(copy.copy(false, CopyDatabase.Listener.SILENT).rows()).isEqualTo(RowCounts.NONE);
        assertThat(copy.verify(CopyDatabase.Listener.SILENT).matches()).isTrue();
    }

    @Test
    void orphanRowsAreSkippedAndCountedNotFatal() {
        fillSource(3, 3);
        // A subscription the source no longer lists, whose rows stayed (a SQLite file written without foreign keys).
        Subscription gone = Subscription.create("gone", "query");
        source.store(gone);
        source.inner.bookmarks().storeBookmark("x", gone.uuid(), "orphan");
        source.inner.heartbeats().restoreHeartbeats(List.of(new HeartbeatRecord("x", gone.uuid(), "ip", 1L, 2L, null)));
        source.hidden.add(gone.uuid());

        CopyDatabaseService copy = copy();
        assertThat(copy.survey(CopyDatabase.Listener.SILENT).orphans()).isEqualTo(new RowCounts(0, 1, 1));
        Tally copied = copy.copy(false, CopyDatabase.Listener.SILENT);
        assertThat(copied.rows()).isEqualTo(new RowCounts(2, 6, 6));
        assertThat(copied.orphans()).isEqualTo(new RowCounts(0, 1, 1));
        assertThat(copied.read(Table.BOOKMARKS)).isEqualTo(7);
        Verification verification = copy.verify(CopyDatabase.Listener.SILENT);
        assertThat(verification.matches()).isTrue();
        assertThat(verification.sourceOrphans()).isEqualTo(2);
    }

    @Test
    void aNonEmptyTargetIsRefusedUnlessMerging() {
        fillSource(3, 0);
        Subscription other = Subscription.create("other", "q");
        target.store(other);
        CopyDatabaseService copy = copy();

        assertThat(copy.targetIsEmpty()).isFalse();
        assertThatThrownBy(() -> copy.inspect(false))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("target database is not empty (it holds 1 subscription(s))");
        assertThatThrownBy(() -> copy.copy(false, CopyDatabase.Listener.SILENT))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("target database is not empty (it holds 1 subscription(s))")
                .hasMessageContaining("--merge")
                .hasMessageContaining("interrupted copy");
        assertThat(target.subscriptions()).containsExactly(other);

        assertThat(copy.inspect(true)).isEqualTo(new CopyDatabase.Target("target database", CopyDatabase.TargetState.READY));
        Tally merged = copy.copy(true, CopyDatabase.Listener.SILENT);
        assertThat(merged.rows()).isEqualTo(new RowCounts(2, 6, 0));
        Verification verification = copy.verify(CopyDatabase.Listener.SILENT);
        assertThat(verification.matches()).as("rows of subscriptions only the target has are extra, not a mismatch")
                .isTrue();
        assertThat(verification.targetExtraRows()).isEqualTo(1);
        assertThat(target.subscriptions()).hasSize(3);
    }

    @Test
    void onlyBookmarksOrHeartbeatsAlsoMakeATargetNonEmpty() {
        Subscription s = Subscription.create("s", "q");
        target.store(s);
        target.inner.heartbeats().restoreHeartbeats(List.of(new HeartbeatRecord("m", s.uuid(), "ip", 1L, 1L, null)));
        target.hidden.add(s.uuid()); // as if written without foreign keys
        assertThatThrownBy(() -> copy().requireEmptyTarget())
                .hasMessageContaining("(it holds heartbeats)");
    }

    @Test
    void aRunInterruptedMidwayIsCompletedByARunWithMerge() {
        fillSource(30, 10);
        target.failAfterWrites = 3;
        CopyDatabaseService copy = copy();
        assertThatThrownBy(() -> copy.copy(false, CopyDatabase.Listener.SILENT)).hasMessageContaining("interrupted");
        assertThat(target.bookmarks()).isNotEmpty().hasSizeLessThan(60);
        Verification partial = copy.verify(CopyDatabase.Listener.SILENT);
        assertThat(partial.matches()).isFalse();
        assertThat(partial.tables().get(0).matches()).isTrue();
        assertThat(partial.tables().get(1).matches()).isFalse();

        target.failAfterWrites = Integer.MAX_VALUE;
        assertThatThrownBy(() -> copy.copy(false, CopyDatabase.Listener.SILENT)).isInstanceOf(UserError.class);
        copy.copy(true, CopyDatabase.Listener.SILENT);

        assertThat(copy.verify(CopyDatabase.Listener.SILENT).matches()).isTrue();
        assertThat(target.bookmarks()).isEqualTo(source.bookmarks());
        assertThat(target.heartbeats()).isEqualTo(source.heartbeats());
    }

    @Test
    void aDifferingOrMissingOrStaleTargetRowIsAMismatch() {
        fillSource(5, 5);
        CopyDatabaseService copy = copy();
        copy.copy(false, CopyDatabase.Listener.SILENT);

        Bookmark first = target.bookmarks().get(0);
        target.inner.bookmarks().storeBookmark(first.machine(), first.subscription(), "changed");
        Verification changed = copy.verify(CopyDatabase.Listener.SILENT);
        assertThat(changed.matches()).isFalse();
        TableCheck bookmarks = changed.tables().get(1);
        assertThat(bookmarks.targetRows()).isEqualTo(bookmarks.sourceRows());
        assertThat(bookmarks.targetChecksum()).isNotEqualTo(bookmarks.sourceChecksum());
        target.inner.bookmarks().storeBookmark(first.machine(), first.subscription(), first.bookmark());

        // A row the source no longer has, for one of its subscriptions: the target is not a copy of it.
        target.inner.heartbeats().restoreHeartbeats(List.of(new HeartbeatRecord("stale", a.uuid(), "ip", 1L, 1L, null)));
        TableCheck heartbeats = copy.verify(CopyDatabase.Listener.SILENT).tables().get(2);
        assertThat(heartbeats.matches()).isFalse();
        assertThat(heartbeats.targetRows()).isEqualTo(heartbeats.sourceRows() + 1);

        target.store(b.withEnabled(false));
        assertThat(copy.verify(CopyDatabase.Listener.SILENT).tables().get(0).matches()).isFalse();
    }

    @Test
    void pagingThatDoesNotAdvanceStopsInsteadOfLoopingForever() {
        fillSource(CHUNK * 2, 0);
        source.ignoreAfter = true;
        CopyDatabaseService copy = copy();
        assertThatThrownBy(() -> copy.copy(false, CopyDatabase.Listener.SILENT))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("bookmarks of the source database page by page does not advance");
    }

    @Test
    void aFailedReadStopsTheCopyWithItsOwnErrorWhetherReadAheadOrNot() {
        fillSource(CHUNK * 5, CHUNK * 2);
        source.failReadsAfter = 3;
        CopyDatabaseService copy = copy();
        assertThatThrownBy(() -> copy.copy(false, CopyDatabase.Listener.SILENT))
                .isInstanceOf(StorageException.class).hasMessage("read failed");
        assertThat(target.bookmarks()).hasSizeLessThanOrEqualTo(3 * CHUNK);
        source.reads.set(0);
        assertThatThrownBy(() -> copy.verify(CopyDatabase.Listener.SILENT)).hasMessage("read failed");
        target.failReadsAfter = 0;
        source.failReadsAfter = Integer.MAX_VALUE;
        assertThatThrownBy(() -> copy.verify(CopyDatabase.Listener.SILENT)).hasMessage("read failed");
    }

    @Test
    void theSameDatabaseOrABadChunkSizeIsRefused() {
        assertThatThrownBy(() -> new CopyDatabaseService(source.storage(),
                MemoryStorages.opener(new Instrumented("source database").storage()), 10, "target.toml"))
                .isInstanceOf(UserError.class).hasMessageContaining("same source database");
        assertThatThrownBy(() -> new CopyDatabaseService(source.storage(), MemoryStorages.opener(target.storage()), 0,
                "target.toml"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNameClashIsReportedWithTheTargetAndNothingElseIsCopied() {
        fillSource(2, 0);
        target.store(Subscription.create(a.name(), "another subscription with the same name"));
        CopyDatabaseService copy = copy();
        assertThatThrownBy(() -> copy.copy(true, CopyDatabase.Listener.SILENT))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("Cannot copy the subscriptions into the target target database: ");
        assertThat(target.bookmarks()).isEmpty();
    }

    @Test
    void aSourceOrATargetAtAnotherSchemaIsRefusedBeforeAnythingIsWritten() {
        fillSource(1, 0);
        source.inner.schema().revert(source.inner.schema().appliedVersions().last());
        assertThatThrownBy(() -> copy().inspect(false)).isInstanceOf(UserError.class)
                .hasMessage(org.openwec.core.port.in.CheckSchema.OUTDATED);
        source.inner.schema().apply(source.inner.schema().registeredMigrations().lastKey());

        target.inner.schema().revert(target.inner.schema().appliedVersions().last());
        assertThatThrownBy(() -> copy().inspect(false)).isInstanceOf(UserError.class)
                .hasMessageContaining("The target target database has an outdated schema (version 13)")
                .hasMessageContaining("`openwec -c target.toml db upgrade`");
        assertThatThrownBy(() -> copy().copy(true, CopyDatabase.Listener.SILENT)).isInstanceOf(UserError.class);
        assertThat(target.subscriptions()).isEmpty();
    }

    @Test
    void aTargetWithoutSchemaIsInitialisedByPrepareTargetOnly() {
        fillSource(2, 1);
        Storage bare = MemoryStorages.relocated(org.openwec.adapters.memory.InMemoryStorage.create(), "bare database");
        CopyDatabaseService copy = new CopyDatabaseService(source.storage(), MemoryStorages.opener(bare), CHUNK,
                "bare.toml");

        assertThat(copy.inspect(false).state()).isEqualTo(CopyDatabase.TargetState.NOT_INITIALISED);
        assertThat(bare.schema().isInitialised()).isFalse();
        assertThat(copy.prepareTarget()).hasSize(14);
        assertThat(copy.prepareTarget()).isEmpty();
        assertThat(copy.copy(false, CopyDatabase.Listener.SILENT).rows()).isEqualTo(new RowCounts(2, 4, 2));
        assertThat(copy.verify(CopyDatabase.Listener.SILENT).matches()).isTrue();
    }

    // ------------------------------------------------------------------ test data

    /** Every field set, every output driver but two, a client filter. */
    private static Subscription full() {
        SubscriptionParameters p = new SubscriptionParameters("full", "<QueryList/>", 1234, 3, 54321, 25000, 10L,
                7777, true, ContentFormat.RenderedText, false, "fr-FR", "en-US");
        return new Subscription(UUID.randomUUID(), UUID.randomUUID(), "rev", "/uri", false, p,
                ClientFilter.of(ClientFilterOperation.Except, ClientFilterKind.Client, new ClientFilterFlags(true, false),
                        List.of("a", "b")),
                List.of(new Output(OutputFormat.Raw, new OutputDriver.Files("/var/log/{ip}/messages"), true),
                        new Output(OutputFormat.RawJson, new OutputDriver.Kafka("t", Map.of("a", "1")), true),
                        new Output(OutputFormat.Nxlog, new OutputDriver.Redis("a", "l"), false)));
    }

    // ------------------------------------------------------------------ the in-memory storage, instrumented

    /**
     * A migrated in-memory database seen through ports that count pages and writes, and can fail them, hide
     * subscriptions (rows left without theirs), or ignore where a page starts (a backend whose paging does not
     * advance). Only the bookmarks and heartbeats a copy moves count as writes, as in a real copy's chunks.
     */
    static final class Instrumented {
        final Storage inner;
        final Set<UUID> hidden = new HashSet<>();
        final AtomicInteger largestPageAsked = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();
        volatile int failReadsAfter = Integer.MAX_VALUE;
        volatile boolean ignoreAfter;
        int largestWrite;
        int writes;
        int failAfterWrites = Integer.MAX_VALUE;
        private final Storage storage;

        Instrumented(String location) {
            this.inner = MemoryStorages.migrated(location);
            this.storage = new Storage(location, new Subscriptions(), new Bookmarks(), new Heartbeats(), inner.schema(),
                    () -> { });
        }

        Storage storage() {
            return storage;
        }

        void store(Subscription s) {
            inner.subscriptions().storeSubscription(s);
        }

        List<Subscription> subscriptions() {
            return storage.subscriptions().subscriptions();
        }

        List<Bookmark> bookmarks() {
            return inner.bookmarks().bookmarkPage(null, Integer.MAX_VALUE);
        }

        List<HeartbeatRecord> heartbeats() {
            return inner.heartbeats().heartbeatPage(null, Integer.MAX_VALUE);
        }

        private void read(int limit) {
            if (reads.incrementAndGet() > failReadsAfter) {
                throw new StorageException("read failed");
            }
            largestPageAsked.accumulateAndGet(limit, Math::max);
        }

        private synchronized void write(Collection<?> rows) {
            if (++writes > failAfterWrites) {
                throw new StorageException("interrupted");
            }
            largestWrite = Math.max(largestWrite, rows.size());
        }

        private final class Subscriptions implements SubscriptionPort {
            @Override
            public List<Subscription> subscriptions() {
                return inner.subscriptions().subscriptions().stream().filter(s -> !hidden.contains(s.uuid())).toList();
            }

            @Override
            public Optional<Subscription> findSubscription(String identifier) {
                return inner.subscriptions().findSubscription(identifier);
            }

            @Override
            public void storeSubscription(Subscription subscription) {
                inner.subscriptions().storeSubscription(subscription);
            }

            @Override
            public void storeSubscriptions(Collection<Subscription> store, Collection<UUID> delete) {
                inner.subscriptions().storeSubscriptions(store, delete);
            }

            @Override
            public void deleteSubscription(UUID uuid) {
                inner.subscriptions().deleteSubscription(uuid);
            }
        }

        private final class Bookmarks implements BookmarkPort {
            @Override
            public Optional<String> bookmark(String machine, UUID subscription) {
                return inner.bookmarks().bookmark(machine, subscription);
            }

            @Override
            public List<Bookmark> bookmarks(UUID subscription) {
                return inner.bookmarks().bookmarks(subscription);
            }

            @Override
            public void storeBookmark(String machine, UUID subscription, String bookmark) {
                inner.bookmarks().storeBookmark(machine, subscription, bookmark);
            }

            @Override
            public void storeBookmarks(Collection<Bookmark> bookmarks) {
                write(bookmarks);
                inner.bookmarks().storeBookmarks(bookmarks);
            }

            @Override
            public List<Bookmark> bookmarkPage(RowKey after, int limit) {
                read(limit);
                return inner.bookmarks().bookmarkPage(ignoreAfter ? null : after, limit);
            }

            @Override
            public void deleteBookmarks(String machine, UUID subscription) {
                inner.bookmarks().deleteBookmarks(machine, subscription);
            }
        }

        private final class Heartbeats implements HeartbeatPort {
            @Override
            public List<Heartbeat> heartbeats(HeartbeatQuery query) {
                return inner.heartbeats().heartbeats(query);
            }

            @Override
            public void storeHeartbeat(String machine, String ip, UUID subscription, boolean isEvent, long now) {
                inner.heartbeats().storeHeartbeat(machine, ip, subscription, isEvent, now);
            }

            @Override
            public HeartbeatFlushReport storeHeartbeats(Collection<HeartbeatUpdate> updates) {
                return inner.heartbeats().storeHeartbeats(updates);
            }

            @Override
            public List<HeartbeatRecord> heartbeatPage(RowKey after, int limit) {
                read(limit);
                return inner.heartbeats().heartbeatPage(ignoreAfter ? null : after, limit);
            }

            @Override
            public void restoreHeartbeats(Collection<HeartbeatRecord> rows) {
                write(rows);
                inner.heartbeats().restoreHeartbeats(rows);
            }

            @Override
            public SubscriptionStats stats(UUID subscription, long since) {
                return inner.heartbeats().stats(subscription, since);
            }

            @Override
            public List<Machine> machines(UUID subscription, long since, MachineState state) {
                return inner.heartbeats().machines(subscription, since, state);
            }
        }
    }
}
