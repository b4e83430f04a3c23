package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openwec.app.CliHarness;
import org.openwec.app.CliHarness.Result;
import picocli.CommandLine;

/**
 * Every command of the model has help with an example, and the completion scripts are generated from
 * that same model. Nothing here needs a configuration or a database: a broken system configuration is
 * in place and nothing may change.
 */
class CommandModelTest {
    @TempDir
    Path dir;

    CliHarness h;
    Map<String, String> before;

    @BeforeEach
    void setUp() {
        h = new CliHarness(dir);
        h.systemConfig("this is = = not toml");
        before = h.snapshot();
    }

    /** Every command path, e.g. [subscriptions, edit, outputs, add, tcp]. */
    static List<List<String>> commands() {
        Cli cli = new Cli(new BufferedReader(new StringReader("")), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), new Environment(Path.of("/nonexistent"), Path.of("/nonexistent"), null));
        List<List<String>> paths = new ArrayList<>();
        walk(cli.commandLine(), new ArrayList<>(), paths);
        return paths;
    }

    private static void walk(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) { // aliases are listed too; visit each command once
                List<String> next = new ArrayList<>(path);
                next.add(name);
                walk(sub, next, paths);
            }
        });
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        List<List<String>> commands = commands();
        assertThat(commands).hasSizeGreaterThan(35)
                .contains(List.of("subscriptions", "edit", "outputs", "add", "unixdatagram"), List.of("bookmarks", "copy"),
                        List.of("heartbeats"), List.of("stats"), List.of("completion"), List.of("subscriptions", "skell"));
        for (List<String> command : commands) {
            // edit takes its subscription before its outputs subcommand, even for help
            List<String> args = command.size() > 2 && command.get(1).equals("edit")
                    ? Stream.concat(Stream.of("subscriptions", "edit", "some-subscription"), command.stream().skip(2)).toList()
                    : command;
            Result r = h.run(Stream.concat(args.stream(), Stream.of("--help")).toArray(String[]::new));

            assertThat(r.code()).as(command + "\n" + r).isZero();
            assertThat(r.out()).as(command.toString()).startsWith("Usage: " + String.join(" ", Stream.concat(Stream.of("openwec"),
                    command.stream()).toList())).contains("Example");
            assertThat(r.err()).isEmpty();
        }
        assertThat(h.snapshot()).isEqualTo(before);
    }

    /**
     * A parent's help lists each subcommand with the first line of its description only: that line must be a
     * whole sentence, not the start of one cut off (as `heartbeats` and `stats` were).
     */
    @Test
    void everyCommandIsSummedUpInOneCompleteLine() {
        Cli cli = new Cli(new BufferedReader(new StringReader("")), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), new Environment(Path.of("/nonexistent"), Path.of("/nonexistent"), null));
        List<String> summaries = new ArrayList<>();
        collectSummaries(cli.commandLine(), summaries);

        assertThat(summaries).hasSizeGreaterThan(35).allSatisfy(line -> assertThat(line).endsWith("."));
        Result help = h.run("--help");
        String commands = help.out().substring(help.out().indexOf("Commands:"), help.out().indexOf("Examples:"))
                .replaceAll("\\s+", " ");
        assertThat(commands).contains("heartbeats Show when each machine was last seen, per subscription. stats")
                .contains("stats Count the active, alive and dead machines of each subscription. bookmarks");
    }

    private static void collectSummaries(CommandLine command, List<String> summaries) {
        command.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) {
                String[] description = sub.getCommandSpec().usageMessage().description();
                summaries.add(String.join(" ", sub.getCommandSpec().qualifiedName(), description.length == 0 ? "" : description[0]));
                collectSummaries(sub, summaries);
            }
        });
    }

    @Test
    void theClientsCommandAnswersToItsAlias() {
        Result r = h.run("subscriptions", "machines", "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: openwec subscriptions clients");
    }

    @Test
    void bashCompletionCoversEveryCommandAndOption() {
        Result r = h.run("completion", "bash");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_openwec")
                .contains("_picocli_openwec_subscriptions_edit_outputs_add_kafka")
                .contains("--read-existing-events").contains("--allow-empty").contains("machines")
                .contains("(\"json\" \"raw\" \"raw_json\" \"nxlog\")");
        assertThat(r.err()).isEmpty();
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void zshCompletionIsTheSameScriptThroughBashcompinit() {
        Result zsh = h.run("completion", "zsh");
        Result bash = h.run("completion", "bash");

        assertThat(zsh.code()).isZero();
        assertThat(zsh.out()).contains("bashcompinit").endsWith(bash.out());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fish", "BASH", "sh"})
    void otherShellsAreUsageErrors(String shell) {
        CliHarness.assertUsageError(h.run("completion", shell), "completion");
    }

    @Test
    void noCommandNeedsTheDatabaseToShowItsUsage() {
        for (String[] args : new String[][] {{"subscriptions", "edit"}, {"bookmarks", "copy", "a"}, {"subscriptions", "new", "x"}}) {
            Result r = h.run(args);
            assertThat(r.code()).as(Arrays.toString(args)).isEqualTo(2);
            assertThat(r.err()).contains("Missing required parameter");
        }
        assertThat(h.snapshot()).isEqualTo(before);
    }
}
