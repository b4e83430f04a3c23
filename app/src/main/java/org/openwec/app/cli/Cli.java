package org.openwec.app.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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
        int code = commandLine().execute(args);
        context.out.flush();
        context.err.flush();
        return code;
    }

    /** The whole command model, ready to run; tests walk it to check every command. */
    CommandLine commandLine() {
        return new CommandLine(new OpenwecCommand(context), new Factory(context))
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
