package org.openwec.app.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.openwec.app.wiring.Backends;
import org.openwec.core.model.UserError;
import picocli.CommandLine;

/**
 * Runs one {@code openwec} invocation and returns its exit code: 0 success, 1 error (user errors as one
 * line, no stack trace unless -v), 2 usage error. Nothing here calls System.exit, so tests drive it whole.
 */
public final class Cli {
    private final CliContext context;

    public Cli(BufferedReader in, PrintWriter out, PrintWriter err, Environment environment) {
        this(in, out, err, environment, Backends.CONFIGURED);
    }

    /** @param backends the adapters that reach a configured database (tests hand it the in-memory storage) */
    public Cli(BufferedReader in, PrintWriter out, PrintWriter err, Environment environment, Backends backends) {
        this.context = new CliContext(in, out, err, environment, backends);
    }

    public int run(String... args) {
        int code = commandLine(invoked(args)).execute(args);
        context.out.flush();
        context.err.flush();
        return code;
    }

    /** The whole command model, ready to run; tests walk it to check every command. */
    CommandLine commandLine() {
        return commandLine(COMMANDS);
    }

    /**
     * The top-level commands, in the order help lists them. Building picocli's model of a command reads its
     * annotations by reflection, and of all forty commands took most of a short command's start-up
     * (docs/benchmarks.md, "CLI start-up"); a run builds the model of the command it invokes only.
     */
    static final List<Class<?>> COMMANDS = List.of(DbCommand.class, SubscriptionsCommand.class, HeartbeatsCommand.class,
            StatsCommand.class, BookmarksCommand.class, CompletionCommand.class);

    /**
     * The top-level command the arguments invoke, alone, when that is plain: it comes first after the global
     * options, spelled out. Anything else gets every command, as picocli needs for help, for "did you mean"
     * and for completion scripts: no arguments, --help or --version, an unknown word, clustered or @file
     * arguments, {@code completion}.
     */
    static List<Class<?>> invoked(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-c") || arg.equals("--config")) {
                i++;
            } else if (!(arg.startsWith("-c") || arg.startsWith("--config=") || arg.matches("-v+")
                    || arg.equals("--verbosity"))) {
                for (Class<?> command : COMMANDS) {
                    if (command != CompletionCommand.class
                            && command.getAnnotation(CommandLine.Command.class).name().equals(arg)) {
                        return List.of(command);
                    }
                }
                return COMMANDS;
            }
        }
        return COMMANDS;
    }

    private CommandLine commandLine(List<Class<?>> commands) {
        Factory factory = new Factory(context);
        CommandLine root = new CommandLine(new OpenwecCommand(context), factory);
        for (Class<?> command : commands) {
            root.addSubcommand(new CommandLine(command, factory));
        }
        // Set after the subcommands are in: picocli hands these down to the subcommands present.
        return root
                .registerConverter(Path.class, Cli::path)
                .setOut(context.out)
                .setErr(context.err)
                .setParameterExceptionHandler(this::usageError)
                .setExecutionExceptionHandler((e, cmd, parsed) -> runtimeError(e));
    }

    /** picocli's own conversion would put the exception's class name in front of the user. */
    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException("'" + value.replace("\0", "\\0") + "' is not a valid path: " + e.getReason());
        }
    }

    private int usageError(CommandLine.ParameterException e, String[] args) {
        context.err.println("openwec: " + e.getMessage());
        context.err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
        return 2;
    }

    private int runtimeError(Exception e) {
        if (e instanceof Declined) {
            context.err.println(e.getMessage());
            return 1;
        }
        context.err.println("An error occurred: " + oneLine(e));
        if (context.verbosity > 0) {
            e.printStackTrace(context.err);
        } else if (!(e instanceof UserError)) {
            context.err.println("(run again with -v to see the details)");
        }
        return 1;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace('\n', ' ');
    }

    /** Builds commands with the shared context; picocli's own classes (help mixins) the usual way. */
    private record Factory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> constructor = type.getDeclaredConstructor(CliContext.class);
                return constructor.newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
