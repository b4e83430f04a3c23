package org.openwec.core.migration;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.openwec.core.model.Migration;

/**
 * The reference's schema versions and their exact descriptions. Both backends share 1 to 14;
 * only PostgreSQL has 15 (SQLite folded the same data fix into its 14). The startup check compares
 * version sets, so neither numbers nor descriptions may change.
 */
public final class MigrationCatalogue {
    public static final long SQLITE_LATEST = 14;
    public static final long POSTGRES_LATEST = 15;

    private static final SortedMap<Long, Migration> ALL = new TreeMap<>();

    static {
        add(1, "create subscriptions table");
        add(2, "create bookmarks table");
        add(3, "create heartbeats table");
        add(4, "add last_event_seen field in heartbeats table");
        add(5, "add uri field in subscriptions table");
        add(6, "add content_format field in subscriptions table");
        add(7, "add ignore_channel_error field in subscriptions table");
        add(8, "add princs_filter fields in subscriptions table");
        add(9, "alter outputs format");
        add(10, "add revision field in subscriptions table");
        add(11, "add locale fields in subscriptions table");
        add(12, "alter outputs files config");
        add(13, "add max_elements field in subscriptions table");
        add(14, "renames fields and adds filter type and flags to subscriptions table");
        add(15, "add default value of client_filter_kind for previously configured filters");
    }

    private MigrationCatalogue() {}

    private static void add(long version, String description) {
        ALL.put(version, new Migration(version, description));
    }

    public static Migration get(long version) {
        Migration m = ALL.get(version);
        if (m == null) {
            throw new IllegalArgumentException("No reference migration has version " + version);
        }
        return m;
    }

    /** Versions 1 to {@code latest} inclusive. */
    public static SortedMap<Long, Migration> upTo(long latest) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(ALL.headMap(latest + 1)));
    }
}
