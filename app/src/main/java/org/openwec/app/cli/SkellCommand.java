package org.openwec.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.openwec.app.format.Skeleton;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code subscriptions skell}: a subscription file to start from. It needs no database; the reference
 * wanted an up-to-date one all the same.
 */
@Command(name = "skell", mixinStandardHelpOptions = true,
        description = "Write a subscription file template with a new UUID: documented (default) or minimal.",
        footer = {"", "Examples:", "  openwec subscriptions skell -n security security.toml",
                "  openwec subscriptions skell --minimal > quick.toml"})
final class SkellCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = {"-n", "--name"}, paramLabel = "<NAME>", description = "Name (default: subscription-<uuid>).")
    String name;

    @Option(names = {"-m", "--minimal"}, description = "Only what is required, with one Files output.")
    boolean minimal;

    @Parameters(paramLabel = "<path>", arity = "0..1", defaultValue = "-",
            description = "File to create or overwrite; - (default) for standard output.")
    Path path;

    SkellCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        UUID uuid = UUID.randomUUID();
        String subscriptionName = name != null ? name : "subscription-" + Uuids.lowerCase(uuid);
        String content = minimal
                ? Skeleton.minimal(uuid, subscriptionName, context.environment.clock().instant(), context.zone())
                : Skeleton.full(uuid, subscriptionName, context.environment.clock().instant(), context.zone());
        if (path.toString().equals("-")) {
            context.out.println(content);
            context.out.flush();
            return 0;
        }
        try {
            Files.writeString(path, content);
        } catch (IOException e) {
            throw new UserError("Cannot write " + path + ": " + e.getMessage());
        }
        return 0;
    }
}
