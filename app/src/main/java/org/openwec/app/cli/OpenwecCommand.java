package org.openwec.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "openwec",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Administers the database of a Windows Event Collector (OpenWEC-compatible).",
        // The subcommands (Cli.COMMANDS) are added by Cli, only the one invoked when that is clear from the arguments.
        footer = {"", "Examples:",
                "  openwec db init                     create or complete the schema",
                "  openwec -c /etc/openwec.conf.toml db status",
                "  openwec subscriptions               list subscriptions",
                "  openwec subscriptions load /etc/openwec/subscriptions/",
                "  openwec stats --format json",
                "  source <(openwec completion bash)"})
final class OpenwecCommand implements Runnable {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    OpenwecCommand(CliContext context) {
        this.context = context;
    }

    @Option(names = {"-c", "--config"}, paramLabel = "<FILE>", scope = ScopeType.INHERIT,
            description = "Settings file (TOML). Default: /etc/openwec.conf.toml if it exists, else an embedded SQLite database in your data directory.")
    void config(Path file) {
        context.configFile = file;
    }

    @Option(names = {"-v", "--verbosity"}, scope = ScopeType.INHERIT,
            description = "More log output; repeat for more (-vv debug). OPENWEC_LOG overrides it.")
    void verbosity(boolean[] flags) {
        context.verbosity = flags.length;
    }

    /** Unlike the reference, no command prints help without touching configuration or database. */
    @Override
    public void run() {
        spec.commandLine().usage(context.out);
    }
}
