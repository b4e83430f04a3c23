package org.openwec.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The run the launcher records the JVM's start-up cache from (docs/benchmarks.md, "CLI start-up"): the commands
 * an operator runs most, against a throwaway SQLite database, in one JVM, so that the cache holds the classes
 * they load, already parsed and linked. Not a command of the CLI; the launcher runs
 * {@code java -XX:AOTCacheOutput=... -cp openwec.jar org.openwec.app.cli.StartupTraining <empty directory>}
 * once per build, and deletes the directory afterwards.
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining <empty directory for a throwaway database>");
            System.exit(2);
        }
        Path directory = Path.of(args[0]).toAbsolutePath();
        Path settings = directory.resolve("openwec.conf.toml");
        Files.writeString(settings, "[database]\ntype = \"SQLite\"\npath = " + tomlString(directory.resolve("training.sqlite")) + "\n");
        String c = settings.toString();
        // The command the cache is for must work; the others are trained for what they load, whatever they exit with
        // (showing the bookmarks of a subscription that does not exist trains the error path).
        if (run("-c", c, "db", "init") != 0 || run("-c", c, "db", "status") != 0) {
            System.exit(1);
        }
        for (String[] command : new String[][] {
                {"-c", c, "db"},
                {"-c", c, "subscriptions"},
                {"-c", c, "stats"},
                {"-c", c, "heartbeats"},
                {"-c", c, "bookmarks", "show", "none"},
                {"--help"},
                {"db", "--help"},
                {"--version"}}) {
            run(command);
        }
        System.exit(0);
    }

    private static int run(String... args) {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        return new Cli(new BufferedReader(Reader.nullReader()), discard, discard, Environment.fromSystem(Map.of()))
                .run(args);
    }

    private static String tomlString(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
