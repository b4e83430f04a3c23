package org.openwec.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.openwec.app.format.SubscriptionToml;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.port.in.ManageSubscriptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code subscriptions load}: the database takes the subscriptions of configuration files. Unlike the
 * reference it reads only {@code *.toml} files, writes everything in one transaction, and leaves the
 * subscriptions whose file did not change untouched (their collectors keep running their outputs).
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Make the database hold the subscriptions of configuration files.",
                "A subscription file, or every *.toml file under a directory (hidden files skipped).",
                "Subscriptions no file describes are deleted unless --keep.",
                "All or nothing; unchanged subscriptions keep their internal version. Allowed in read-only mode."},
        footer = {"", "Examples:", "  openwec subscriptions load /etc/openwec/subscriptions/",
                "  openwec subscriptions load --keep --revision 4f2a1c9 security.toml",
                "  openwec subscriptions load --yes security.toml"})
final class LoadSubscriptionsCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "<path>", description = "A subscription file, or a directory of them.")
    Path path;

    @Option(names = {"-k", "--keep"}, description = "Keep the subscriptions no file describes.")
    boolean keep;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (removal of the others, query warnings).")
    boolean yes;

    @Option(names = {"-e", "--allow-empty"}, description = "Accept a directory without subscription files (then, without --keep, every subscription is deleted).")
    boolean allowEmpty;

    @Option(names = {"-r", "--revision"}, paramLabel = "<REV>", description = "Revision of the configuration, sent to clients and stored.")
    String revision;

    LoadSubscriptionsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Session db = context.session()) {
            if (!Files.exists(path)) {
                throw new UserError("Path " + path + " does not exist");
            }
            boolean single = !Files.isDirectory(path);
            if (single && !keep) {
                context.confirmOrAbort("Are you sure that you want to remove all existing subscriptions to keep the only one described in "
                        + path + "? Use -k/--keep otherwise.", yes);
            }
            List<Subscription> parsed = new ArrayList<>();
            for (Path file : single ? List.of(path) : tomlFiles(path)) {
                parsed.add(SubscriptionToml.parse(InputFiles.text(file, "subscription file"), file.toString(), revision));
            }
            if (parsed.isEmpty() && !allowEmpty) {
                throw new UserError("Could not find any subscriptions: " + path + " holds no *.toml file (use --allow-empty "
                        + "to remove every subscription).");
            }
            for (Subscription s : parsed) {
                QueryCheck.size(context, s.parameters().query(), "of subscription " + s.name(), yes);
            }
            ManageSubscriptions.LoadPlan plan = db.subscriptions().planLoad(parsed, keep);
            db.subscriptions().applyLoad(plan);
            plan.loaded().forEach(s -> context.out.println("+ Load subscription " + s.name()));
            plan.removed().forEach(s -> context.out.println("+ Remove subscription " + s.name()));
        }
        return 0;
    }

    /**
     * Every {@code *.toml} regular file under the directory, in path order. Editor backups
     * ({@code x.toml~}, {@code .x.toml.swp}) and lock files ({@code .#x.toml}) must not become
     * subscriptions, hence the extension and the skipped hidden files.
     */
    private static List<Path> tomlFiles(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(p -> !p.equals(directory))
                    .filter(p -> !hidden(directory, p))
                    .filter(p -> p.getFileName().toString().endsWith(".toml") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UserError("Cannot read the directory " + directory + ": " + e.getMessage());
        }
    }

    /** A file or directory whose name, or that of a directory on the way, starts with a dot. */
    private static boolean hidden(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
