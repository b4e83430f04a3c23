package org.openwec.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.Bookmark;
import org.openwec.core.model.HeartbeatRecord;
import org.openwec.core.model.RowKey;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.out.BookmarkPort;
import org.openwec.core.port.out.HeartbeatPort;
import org.openwec.core.port.out.SchemaPort;
import org.openwec.core.port.out.Storage;
import org.openwec.core.port.out.SubscriptionPort;
import org.openwec.core.service.CopyDatabase.Phase;
import org.openwec.core.service.CopyDatabase.RowCounts;
import org.openwec.core.service.CopyDatabase.Table;
import org.openwec.core.service.CopyDatabase.TableCheck;
import org.openwec.core.service.CopyDatabase.Tally;
import org.openwec.core.service.CopyDatabase.Verification;

/**
 * The copy's rules on two small fake databases (the real backends are copied in the app's tests): paging,
 * chunking, orphans, refusal of a non-empty target, merge, re-runs and the verification's verdicts.
 */
class CopyDatabaseTest {
    private static final int CHUNK = 7;

    private final FakeDb source = new FakeDb("source database");
    private final FakeDb target = new FakeDb("target database");

    private Subscription a;
    private Subscription b;

    private void fillSource(int bookmarksPerSubscription, int heartbeatsPerSubscription) {
        a = RowChecksumTest.full();
        b = Subscription.create("b", "query");
        source.store(a);
        source.store(b);
        for (Subscription s : List.of(a, b)) {
            for (int i = 0; i < bookmarksPerSubscription; i++) {
                source.bookmarks.put(key(s.uuid(), "machine-" + i), new Bookmark("machine-" + i, s.uuid(), "<b " + i + "/>"));
            }
            for (int i = 0; i < heartbeatsPerSubscription; i++) {
                source.heartbeats.put(key(s.uuid(), "machine-" + i), new HeartbeatRecord("machine-" + i, s.uuid(),
                        "10.0.0." + i, 1000L + i, 2000L + i, i % 2 == 0 ? null : 3000L + i));
            }
        }
    }

    @Test
    void copiesEveryRowInChunksAndTheVerificationMatches() {
        fillSource(20, 10);
        List<String> progress = new ArrayList<>();
        CopyDatabase.Listener listener = (phase, table, rows) -> progress.add(phase + " " + table + " " + rows);

        Tally survey = CopyDatabase.survey(source.storage(), CHUNK, listener);
        CopyDatabase copy = new CopyDatabase(source.storage(), target.storage(), CHUNK);
        Tally copied = copy.copy(false, listener);
        Verification verification = copy.verify(listener);

        assertThat(survey.rows()).isEqualTo(new RowCounts(2, 40, 20)).isEqualTo(copied.rows());
        assertThat(copied.orphans()).isEqualTo(RowCounts.NONE);
        assertThat(target.subscriptions).isEqualTo(source.subscriptions);
        assertThat(target.bookmarks).isEqualTo(source.bookmarks);
        assertThat(target.heartbeats).isEqualTo(source.heartbeats);
        assertThat(verification.matches()).isTrue();
        assertThat(verification.tables()).extracting(TableCheck::table).containsExactly(Table.values());
        assertThat(verification.tables()).allSatisfy(t -> {
            assertThat(t.targetRows()).isEqualTo(t.sourceRows());
            assertThat(t.targetChecksum()).isEqualTo(t.sourceChecksum());
        });
        assertThat(verification.tables().get(1).sourceRows()).isEqualTo(40);

        // Bounded memory: no page asked for more than a chunk, no write carried more than a chunk.
        assertThat(source.largestPageAsked).isEqualTo(CHUNK);
        assertThat(target.largestWrite).isLessThanOrEqualTo(CHUNK);
        assertThat(target.writes).isGreaterThanOrEqualTo(40 / CHUNK + 20 / CHUNK);
        assertThat(progress).contains("COPY BOOKMARKS 40", "COPY HEARTBEATS 20", "VERIFY_TARGET BOOKMARKS 40",
                "SURVEY SUBSCRIPTIONS 2", "VERIFY_SOURCE HEARTBEATS 20", "COPY SUBSCRIPTIONS 2");
    }

    @Test
    void anEmptySourceCopiesNothingAndVerifies() {
        CopyDatabase copy = new CopyDatabase(source.storage(), target.storage(), CHUNK);
        assertThat(copy.copy(false, CopyDatabase.Listener.SILENT).rows()).isEqualTo(RowCounts.NONE);
        assertThat(copy.verify(CopyDatabase.Listener.SILENT).matches()).isTrue();
    }

    @Test
    void orphanRowsAreSkippedAndCountedNotFatal() {
        fillSource(3, 3);
        UUID gone = UUID.randomUUID();
        source.bookmarks.put(key(gone, "x"), new Bookmark("x", gone, "orphan"));
        source.heartbeats.put(key(gone, "x"), new HeartbeatRecord("x", gone, "ip", 1L, 2L, null));

        assertThat(CopyDatabase.survey(source.storage(), CHUNK, CopyDatabase.Listener.SILENT).orphans())
                .isEqualTo(new RowCounts(0, 1, 1));
        CopyDatabase copy = new CopyDatabase(source.storage(), target.storage(), CHUNK);
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
        CopyDatabase copy = new CopyDatabase(source.storage(), target.storage(), CHUNK);

        assertThat(copy.targetIsEmpty()).isFalse();
        assertThatThrownBy(() -> copy.copy(false, CopyDatabase.Listener.SILENT))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("target database is not empty (it holds 1 subscription(s))")
                .hasMessageContaining("--merge")
                .hasMessageContaining("interrupted copy");
        assertThat(target.subscriptions).containsOnlyKeys(other.uuid());

        Tally merged = copy.copy(true, CopyDatabase.Listener.SILENT);
        assertThat(merged.rows()).isEqualTo(new RowCounts(2, 6, 0));
        Verification verification = copy.verify(CopyDatabase.Listener.SILENT);
        assertThat(verification.matches()).as("rows of subscriptions only the target has are extra, not a mismatch")
                .isTrue();
        assertThat(verification.targetExtraRows()).isEqualTo(1);
        assertThat(target.subscriptions).hasSize(3);
    }

    @Test
    void onlyBookmarksOrHeartbeatsAlsoMakeATargetNonEmpty() {
        Subscription s = Subscription.create("s", "q");
        target.store(s);
        target.heartbeats.put(key(s.uuid(), "m"), new HeartbeatRecord("m", s.uuid(), "ip", 1L, 1L, null));
        target.subscriptions.clear(); // as if written without foreign keys
        assertThatThrownBy(() -> new CopyDatabase(source.storage(), target.storage(), CHUNK).requireEmptyTarget())
                .hasMessageContaining("(it holds heartbeats)");
    }

    @Test
    void aRunInterruptedMidwayIsCompletedByARunWithMerge() {
        fillSource(30, 10);
        target.failAfterWrites = 3;
        CopyDatabase copy = new CopyDatabase(source.storage(), target.storage(), CHUNK);
        assertThatThrownBy(() -> copy.copy(false, CopyDatabase.Listener.SILENT)).hasMessageContaining("interrupted");
        assertThat(target.bookmarks).isNotEmpty().hasSizeLessThan(60);
        Verification partial = copy.verify(CopyDatabase.Listener.SILENT);
        assertThat(partial.matches()).isFalse();
        assertThat(partial.tables().get(0).matches()).isTrue();
        assertThat(partial.tables().get(1).matches()).isFalse();

        target.failAfterWrites = Integer.MAX_VALUE;
        assertThatThrownBy(() -> copy.copy(false, CopyDatabase.Listener.SILENT)).isInstanceOf(UserError.class);
        copy.copy(true, CopyDatabase.Listener.SILENT);

        assertThat(copy.verify(CopyDatabase.Listener.SILENT).matches()).isTrue();
        assertThat(target.bookmarks).isEqualTo(source.bookmarks);
        assertThat(target.heartbeats).isEqualTo(source.heartbeats);
    }

    @Test
    void aDifferingOrMissingOrStaleTargetRowIsAMismatch() {
        fillSource(5, 5);
        CopyDatabase copy = new CopyDatabase(source.storage(), target.storage(), CHUNK);
        copy.copy(false, CopyDatabase.Listener.SILENT);

        Bookmark first = target.bookmarks.firstEntry().getValue();
        target.bookmarks.put(target.bookmarks.firstKey(), new Bookmark(first.machine(), first.subscription(), "changed"));
        Verification changed = copy.verify(CopyDatabase.Listener.SILENT);
        assertThat(changed.matches()).isFalse();
        TableCheck bookmarks = changed.tables().get(1);
        assertThat(bookmarks.targetRows()).isEqualTo(bookmarks.sourceRows());
        assertThat(bookmarks.targetChecksum()).isNotEqualTo(bookmarks.sourceChecksum());
        target.bookmarks.put(target.bookmarks.firstKey(), first);

        // A row the source no longer has, for one of its subscriptions: the target is not a copy of it.
        target.heartbeats.put(key(a.uuid(), "stale"), new HeartbeatRecord("stale", a.uuid(), "ip", 1L, 1L, null));
        TableCheck heartbeats = copy.verify(CopyDatabase.Listener.SILENT).tables().get(2);
        assertThat(heartbeats.matches()).isFalse();
        assertThat(heartbeats.targetRows()).isEqualTo(heartbeats.sourceRows() + 1);
        target.heartbeats.remove(key(a.uuid(), "stale"));

        target.store(b.withEnabled(false));
        assertThat(copy.verify(CopyDatabase.Listener.SILENT).tables().get(0).matches()).isFalse();
    }

    @Test
    void pagingThatDoesNotAdvanceStopsInsteadOfLoopingForever() {
        fillSource(CHUNK * 2, 0);
        source.ignoreAfter = true;
        CopyDatabase copy = new CopyDatabase(source.storage(), target.storage(), CHUNK);
        assertThatThrownBy(() -> copy.copy(false, CopyDatabase.Listener.SILENT))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("bookmarks of the source database page by page does not advance");
    }

    @Test
    void aFailedReadStopsTheCopyWithItsOwnErrorWhetherReadAheadOrNot() {
        fillSource(CHUNK * 5, CHUNK * 2);
        source.failReadsAfter = 3;
        CopyDatabase copy = new CopyDatabase(source.storage(), target.storage(), CHUNK);
        assertThatThrownBy(() -> copy.copy(false, CopyDatabase.Listener.SILENT))
                .isInstanceOf(StorageException.class).hasMessage("read failed");
        assertThat(target.bookmarks).hasSizeLessThanOrEqualTo(3 * CHUNK);
        source.reads = 0;
        assertThatThrownBy(() -> copy.verify(CopyDatabase.Listener.SILENT)).hasMessage("read failed");
        target.failReadsAfter = 0;
        source.failReadsAfter = Integer.MAX_VALUE;
        assertThatThrownBy(() -> copy.verify(CopyDatabase.Listener.SILENT)).hasMessage("read failed");
    }

    @Test
    void theSameDatabaseOrABadChunkSizeIsRefused() {
        assertThatThrownBy(() -> new CopyDatabase(source.storage(), new FakeDb("source database").storage(), 10))
                .isInstanceOf(UserError.class).hasMessageContaining("same source database");
        assertThatThrownBy(() -> new CopyDatabase(source.storage(), target.storage(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNameClashIsReportedWithTheTargetAndNothingElseIsCopied() {
        fillSource(2, 0);
        target.store(Subscription.create(a.name(), "another subscription with the same name"));
        CopyDatabase copy = new CopyDatabase(source.storage(), target.storage(), CHUNK);
        assertThatThrownBy(() -> copy.copy(true, CopyDatabase.Listener.SILENT))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("Cannot copy the subscriptions into the target target database: ");
        assertThat(target.bookmarks).isEmpty();
    }

    // ------------------------------------------------------------------ a fake database

    private static String key(UUID subscription, String machine) {
        return Uuids.storedKey(subscription) + "\u0000" + machine;
    }

    /** Just what the copy uses, with the adapters' semantics (upserts, foreign keys, keyset pages). */
    static final class FakeDb {
        final String location;
        final Map<UUID, Subscription> subscriptions = new LinkedHashMap<>();
        final TreeMap<String, Bookmark> bookmarks = new TreeMap<>();
        final TreeMap<String, HeartbeatRecord> heartbeats = new TreeMap<>();
        int largestPageAsked;
        int largestWrite;
        int writes;
        int failAfterWrites = Integer.MAX_VALUE;
        boolean ignoreAfter;
        volatile int failReadsAfter = Integer.MAX_VALUE;
        volatile int reads;

        FakeDb(String location) {
            this.location = location;
        }

        void store(Subscription s) {
            subscriptions.put(s.uuid(), s);
        }

        Storage storage() {
            return new Storage(location, port(SubscriptionPort.class, new Subscriptions()),
                    port(BookmarkPort.class, new Bookmarks()), port(HeartbeatPort.class, new Heartbeats()),
                    port(SchemaPort.class, new Object()), () -> { });
        }

        private synchronized <V> List<V> page(TreeMap<String, V> rows, RowKey after, int limit) {
            if (++reads > failReadsAfter) {
                throw new StorageException("read failed");
            }
            largestPageAsked = Math.max(largestPageAsked, limit);
            SortedMap<String, V> tail = after == null || ignoreAfter
                    ? rows : rows.tailMap(key(after.subscription(), after.machine()) + "\u0000");
            return tail.values().stream().limit(limit).toList();
        }

        private synchronized void write(Collection<?> rows, Collection<UUID> subscriptionsOfRows) {
            if (++writes > failAfterWrites) {
                throw new StorageException("interrupted");
            }
            largestWrite = Math.max(largestWrite, rows.size());
            if (!subscriptions.keySet().containsAll(subscriptionsOfRows)) {
                throw new UserError("unknown subscription");
            }
        }

        public final class Subscriptions {
            public List<Subscription> subscriptions() {
                return List.copyOf(subscriptions.values());
            }

            public void storeSubscriptions(Collection<Subscription> store, Collection<UUID> delete) {
                for (Subscription s : store) {
                    boolean clash = subscriptions.values().stream()
                            .anyMatch(o -> o.name().equals(s.name()) && !o.uuid().equals(s.uuid()));
                    if (clash) {
                        throw new UserError("Two subscriptions would share a name: nothing was changed.");
                    }
                }
                store.forEach(FakeDb.this::store);
            }
        }

        public final class Bookmarks {
            public List<Bookmark> bookmarkPage(RowKey after, int limit) {
                return page(bookmarks, after, limit);
            }

            public void storeBookmarks(Collection<Bookmark> batch) {
                write(batch, batch.stream().map(Bookmark::subscription).toList());
                batch.forEach(x -> bookmarks.put(key(x.subscription(), x.machine()), x));
            }
        }

        public final class Heartbeats {
            public List<HeartbeatRecord> heartbeatPage(RowKey after, int limit) {
                return page(heartbeats, after, limit);
            }

            public void restoreHeartbeats(Collection<HeartbeatRecord> rows) {
                write(rows, rows.stream().map(HeartbeatRecord::subscription).toList());
                rows.forEach(x -> heartbeats.put(key(x.subscription(), x.machine()), x));
            }
        }

        /** A port whose methods the copy does not use fail loudly; the others go to {@code impl}. */
        private static <T> T port(Class<T> type, Object impl) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                Method target;
                try {
                    target = impl.getClass().getMethod(method.getName(), method.getParameterTypes());
                } catch (NoSuchMethodException e) {
                    throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
                }
                try {
                    return target.invoke(impl, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }));
        }
    }
}
