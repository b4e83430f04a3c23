package org.openwec.app.cli;

import java.util.LinkedHashSet;
import java.util.Set;
import org.openwec.app.format.QueryChannels;
import org.openwec.core.model.UserError;

/** The reference's checks before a query is stored (docs/reference/cli.md §4.15), with its messages and prompts. */
final class QueryCheck {
    private static final String CONTINUE = "Do you want to ignore this warning and continue?";

    private QueryCheck() {}

    /** The query must be a QueryList; over 256 channels asks first. */
    static Set<String> size(CliContext context, String query, String where, boolean yes) {
        Set<String> channels = QueryChannels.of(query, where);
        if (channels.size() > QueryChannels.WINDOWS_LIMIT) {
            context.out.println("The query selects more than 256 channels and will probably not work on Windows clients.");
            context.confirmOrAbort(CONTINUE, yes);
        }
        return channels;
    }

    /**
     * Channels a new query adds have no bookmark yet, so clients send their whole history. An old query
     * that does not parse (stored by another tool) has no channel to compare with: every channel is new.
     */
    static void newChannels(CliContext context, String oldQuery, Set<String> newChannels, boolean yes) {
        Set<String> old;
        try {
            old = QueryChannels.of(oldQuery, "stored so far");
        } catch (UserError e) {
            old = Set.of();
        }
        Set<String> added = new LinkedHashSet<>(newChannels);
        added.removeAll(old);
        if (added.isEmpty()) {
            return;
        }
        context.out.println("The new query contains new channels:");
        added.forEach(c -> context.out.println("- " + c));
        context.out.println("Because there is no bookmarks stored for these channels, you will receive all existing events "
                + "for them (ignoring the read_existing_events configuration). Depending of the channels, it may cause a "
                + "huge network trafic.");
        context.confirmOrAbort(CONTINUE, yes);
    }
}
