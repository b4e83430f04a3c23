package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run builds picocli's model of the top-level command it invokes only (start-up time); whenever the arguments
 * leave a doubt, or picocli needs every command (help, suggestions, completion), it builds them all. Either way
 * the user sees the same thing.
 */
class CommandSelectionTest {
    @TempDir
    Path dir;

    @Test
    void theCommandNamedAfterTheGlobalOptionsAlone() {
        assertThat(Cli.invoked("db", "status")).containsExactly(DbCommand.class);
        assertThat(Cli.invoked("-c", "x.toml", "-vv", "subscriptions", "edit")).containsExactly(SubscriptionsCommand.class);
        assertThat(Cli.invoked("--config", "x.toml", "-v", "-v", "heartbeats")).containsExactly(HeartbeatsCommand.class);
        assertThat(Cli.invoked("--config=x.toml", "--verbosity", "stats")).containsExactly(StatsCommand.class);
        assertThat(Cli.invoked("-cx.toml", "bookmarks", "show", "s")).containsExactly(BookmarksCommand.class);
        // A command's name given as the value of -c is no command.
        assertThat(Cli.invoked("-c", "db", "stats")).containsExactly(StatsCommand.class);
    }

    @Test
    void everyCommandWhenInDoubtOrWhenPicocliNeedsThemAll() {
        for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"-h", "db"},
                new String[] {"--version"}, new String[] {"-c", "x.toml"}, new String[] {"sbscriptions"},
                new String[] {"completion", "bash"}, new String[] {"-vc", "x.toml", "db"}, new String[] {"@arguments"},
                new String[] {"--", "db"})) {
            assertThat(Cli.invoked(args)).as(String.join(" ", args)).isEqualTo(Cli.COMMANDS);
        }
    }

    @ParameterizedTest(name = "openwec {0}")
    @ValueSource(strings = {"db --help", "db status --help", "subscriptions edit --help", "stats --format nope",
            "db --bogus", "db status extra", "db statu", "heartbeats -c missing.toml", "-c missing.toml db status",
            "bookmarks", "--help", "sbscriptions"})
    void theOneCommandModelAnswersAsTheWholeModelDoes(String command) {
        String[] args = command.split(" ");
        assertThat(runOnOneCommand(args)).isEqualTo(runOnEveryCommand(args));
    }

    private String runOnOneCommand(String... args) {
        StringWriter out = new StringWriter();
        int code = cli(out).run(args);
        return code + "\n" + out;
    }

    private String runOnEveryCommand(String... args) {
        StringWriter out = new StringWriter();
        Cli cli = cli(out);
        int code = cli.commandLine().execute(args);
        return code + "\n" + out;
    }

    /** stdout and stderr into one writer; no system configuration, no default database. */
    private Cli cli(StringWriter both) {
        PrintWriter writer = new PrintWriter(both, true);
        return new Cli(new BufferedReader(new StringReader("")), writer, writer,
                new Environment(dir.resolve("none.toml"), dir.resolve("data/db.sqlite"), null));
    }
}
