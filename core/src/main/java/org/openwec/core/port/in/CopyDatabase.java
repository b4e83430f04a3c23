package org.openwec.core.port.in;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.openwec.core.model.Migration;

/**
 * {@code openwec db copy}: copies every subscription, bookmark and heartbeat of one database into another
 * (SQLite to PostgreSQL and back), then proves it by reading both again. Nothing is written to the target
 * before {@link #prepareTarget()} or {@link #copy}; a driver shows {@link #inspect} and {@link #survey} and asks
 * first.
 */
public interface CopyDatabase {
    int DEFAULT_CHUNK_SIZE = 5_000;

    enum Table {
        SUBSCRIPTIONS, BOOKMARKS, HEARTBEATS;

        /** The table's name in the database. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The passes over the data, each one reported table by table. */
    enum Phase { SURVEY, COPY, VERIFY_SOURCE, VERIFY_TARGET }

    /** Told how far a pass has come; for progress bars. During {@link #verify} it is called from two threads, one at a time. */
    @FunctionalInterface
    interface Listener {
        Listener SILENT = (phase, table, rows) -> { };

        /** {@code rows} rows of {@code table} have been read so far in this pass (orphans included). */
        void progressed(Phase phase, Table table, long rows);
    }

    /** Where the target stands before anything is written to it. */
    enum TargetState {
        /** It does not exist yet (a SQLite file): it is created, then initialised. */
        MISSING,
        /** It exists without a schema: it is initialised. */
        NOT_INITIALISED,
        /** It has the schema this binary knows, and is empty (or the copy merges). */
        READY
    }

    record Target(String location, TargetState state) {
        public Target {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(state, "state");
        }
    }

    /** A number of rows per table. */
    record RowCounts(long subscriptions, long bookmarks, long heartbeats) {
        public static final RowCounts NONE = new RowCounts(0, 0, 0);

        public long of(Table table) {
            return switch (table) {
                case SUBSCRIPTIONS -> subscriptions;
                case BOOKMARKS -> bookmarks;
                case HEARTBEATS -> heartbeats;
            };
        }

        public long total() {
            return subscriptions + bookmarks + heartbeats;
        }
    }

    /**
     * What a pass over the source found or moved.
     *
     * @param rows rows copied (or to copy)
     * @param orphans rows skipped because their subscription is not in the source
     */
    record Tally(RowCounts rows, RowCounts orphans) {
        /** Rows read from the source, orphans included: the length of a pass over {@code table}. */
        public long read(Table table) {
            return rows.of(table) + orphans.of(table);
        }
    }

    /**
     * One table compared.
     *
     * @param sourceRows the source's rows (orphans excluded)
     * @param targetRows the target's rows that belong to a subscription of the source
     * @param sourceOrphans source rows whose subscription does not exist (never copied)
     * @param targetExtra target rows of subscriptions the source does not have (left alone by the copy)
     */
    record TableCheck(Table table, long sourceRows, long targetRows, String sourceChecksum,
                      String targetChecksum, long sourceOrphans, long targetExtra) {
        public boolean matches() {
            return sourceRows == targetRows && sourceChecksum.equals(targetChecksum);
        }
    }

    record Verification(List<TableCheck> tables) {
        public Verification {
            tables = List.copyOf(tables);
        }

        public boolean matches() {
            return tables.stream().allMatch(TableCheck::matches);
        }

        public long targetExtraRows() {
            return tables.stream().mapToLong(TableCheck::targetExtra).sum();
        }

        public long sourceOrphans() {
            return tables.stream().mapToLong(TableCheck::sourceOrphans).sum();
        }
    }

    /** The source database, for messages. */
    String sourceLocation();

    /**
     * Checks both ends; nothing is written. The source must carry this binary's schema; the target, when it
     * exists, must have no schema or exactly this binary's, must not be the source, and must be empty unless
     * {@code merge}.
     *
     * @throws org.openwec.core.model.UserError saying what is wrong with which database and what to do
     */
    Target inspect(boolean merge);

    /** Counts what a copy of the source would move, streaming it like the copy does. */
    Tally survey(Listener listener);

    /**
     * Creates the target if it does not exist and initialises it if it has no schema.
     *
     * @return the migrations applied; empty when the target was ready
     */
    List<Migration> prepareTarget();

    /**
     * Copies subscriptions (all in one transaction), then bookmarks, then heartbeats (one transaction per
     * chunk), into a prepared target. Without {@code merge}, refuses a target that is not empty.
     */
    Tally copy(boolean merge, Listener listener);

    /**
     * Reads both databases again, whole, and compares them table by table over the source's subscriptions. A
     * database written to meanwhile (a running collector) shows as a mismatch.
     */
    Verification verify(Listener listener);
}
