package org.openwec.app.cli;

import java.util.concurrent.Callable;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.ManageBookmarks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code openwec bookmarks}: where each machine is in its event stream. Deleting or overwriting a
 * bookmark makes the machine resend events, or skip them: every change asks first, unless --yes.
 */
@Command(name = "bookmarks", mixinStandardHelpOptions = true,
        description = "Show, delete or copy the bookmarks machines resume their event streams from.",
        footer = {"", "Examples:", "  openwec bookmarks show security",
                "  openwec bookmarks copy security security-new --yes",
                "  openwec bookmarks delete -s security -m 'WIN10$@WINDOMAIN.LOCAL'"})
final class BookmarksCommand implements Callable<Integer> {
    private static final String WARNING = "\nWARNING: You may lose logs!\nAre you sure?";

    private final CliContext context;

    BookmarksCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new UserError("Invalid subcommand: use bookmarks show, delete or copy (see openwec bookmarks --help).");
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the bookmarks of a subscription as <machine>:<bookmark>, or the bookmark of one machine.",
            footer = {"", "Examples:", "  openwec bookmarks show security",
                    "  openwec bookmarks show security --machine 'WIN10$@WINDOMAIN.LOCAL'"})
    int show(@Parameters(paramLabel = "<subscription>", description = "Name or UUID.") String identifier,
             @Option(names = {"-m", "--machine"}, paramLabel = "<MACHINE>", description = "Only this machine (exact case).") String machine) {
        try (Session db = context.session()) {
            Subscription s = db.subscription(identifier, unknown(identifier));
            if (machine != null) {
                context.out.println(db.bookmarks().bookmark(machine, s).orElseThrow(() -> new UserError(
                        "No bookmarks found for " + machine + " within subscription \"" + s.name() + "\"")));
            } else {
                db.bookmarks().bookmarks(s).forEach(b -> context.out.println(b.machine() + ":" + b.bookmark()));
            }
            context.out.flush();
        }
        return 0;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Delete bookmarks: of a machine in a subscription, of a machine, of a subscription, or all.",
                    "The machines then send events from the start (or from now), as their subscription says."},
            footer = {"", "Examples:", "  openwec bookmarks delete -s security -m 'WIN10$@WINDOMAIN.LOCAL'",
                    "  openwec bookmarks delete --subscription security --yes"})
    int delete(@Option(names = {"-s", "--subscription"}, paramLabel = "<subscription>", description = "Name or UUID.") String identifier,
               @Option(names = {"-m", "--machine"}, paramLabel = "<MACHINE>", description = "Machine (exact case).") String machine,
               @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (the reference always asked).") boolean yes) {
        try (Session db = context.session()) {
            Subscription s = identifier == null ? null : db.subscription(identifier, unknown(identifier));
            String question;
            if (s != null && machine != null) {
                question = "You are about to delete the bookmark of " + machine + " within subscription \"" + s.name() + "\".";
            } else if (machine != null) {
                question = "You are about to delete all bookmarks stored for " + machine + ".";
            } else if (s != null) {
                question = "You are about to delete all bookmarks stored for subscription \"" + s.name() + "\".";
            } else {
                question = "You are about to delete all stored bookmarks.";
            }
            context.confirmOrAbort(question + WARNING, yes);
            db.bookmarks().delete(machine, s);
            context.out.println("Done");
        }
        return 0;
    }

    @Command(name = "copy", mixinStandardHelpOptions = true,
            description = {"Copy bookmarks from one subscription to another (overwriting).",
                    "E.g. to replace a subscription without resending events. All or nothing."},
            footer = {"", "Examples:", "  openwec bookmarks copy security security-v2",
                    "  openwec bookmarks copy --machine 'WIN10$@WINDOMAIN.LOCAL' security security-v2 --yes"})
    int copy(@Option(names = {"-m", "--machine"}, paramLabel = "<MACHINE>", description = "Only this machine's bookmark.") String machine,
             @Parameters(index = "0", paramLabel = "<source>", description = "Name or UUID.") String sourceId,
             @Parameters(index = "1", paramLabel = "<destination>", description = "Name or UUID.") String destinationId,
             @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.") boolean yes) {
        try (Session db = context.session()) {
            Subscription source = db.subscription(sourceId, "Could not find source subscription with identifier \"" + sourceId + "\"");
            Subscription destination = db.subscription(destinationId,
                    "Could not find destination subscription with identifier \"" + destinationId + "\"");
            ManageBookmarks.CopyPlan plan = db.bookmarks().planCopy(source, destination, machine);
            if (plan.replacesExisting()) {
                context.out.println("WARNING: A bookmark for " + machine + " already exists within subscription \""
                        + destination.name() + "\"");
            }
            if (machine == null) {
                context.confirmOrAbort("You are about to copy all bookmarks of subscription \"" + source.name() + "\" to \""
                        + destination.name() + "\"." + WARNING, yes);
            } else {
                context.confirmOrAbort("You are about to copy bookmark for " + machine + " in \"" + source.name() + "\" to \""
                        + destination.name() + "\"." + WARNING, yes);
            }
            int copied = db.bookmarks().copy(plan);
            context.out.println(machine != null ? "1 bookmark copied" : copied + " bookmarks copied");
        }
        return 0;
    }

    private static String unknown(String identifier) {
        return "Could not find subscription with identifier " + identifier;
    }
}
