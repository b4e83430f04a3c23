package org.openwec.app.server;

import ch.qos.logback.classic.Level;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.openwec.app.config.CollectorServerSettings;
import org.openwec.app.config.SettingsLoader;
import org.openwec.app.wiring.CollectorServer;
import org.openwec.core.model.StorageException;
import org.openwec.core.model.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code openwecd} program: {@code openwecd [-c FILE] [-v...]}. Loads the settings file (OpenWEC's, the same
 * as {@code openwec -c}), sets up logging, starts the collector server, then serves until SIGTERM or SIGINT, and
 * reloads the subscriptions and reopens the outputs and log files on SIGHUP.
 *
 * <p>Anything that keeps it from starting (the configuration, a TLS file, a port in use, the database) is one line
 * on stderr and exit code 1, with nothing left running; {@code -v} adds the stack trace. A stop exits with 0 once
 * requests in flight are answered, bookmarks committed and heartbeats flushed (1 if that failed).
 */
public final class Openwecd {
    /** OpenWEC's default (common/src/settings.rs at a41b95f), also the CLI's. */
    static final Path DEFAULT_CONFIG = Path.of("/etc/openwec.conf.toml");

    @Command(name = "openwecd", mixinStandardHelpOptions = true, versionProvider = Openwecd.Version.class,
            description = "The OpenWEC collector server: Windows machines forward their events to it over HTTPS.",
            footer = {"", "Signals: TERM and INT stop it in order; HUP reloads the subscriptions and reopens the outputs "
                    + "and log files."})
    static final class Arguments {
        @Option(names = {"-c", "--config"}, paramLabel = "FILE",
                description = "The settings file (default: ${DEFAULT-VALUE}).")
        Path config = DEFAULT_CONFIG;

        @Option(names = {"-v", "--verbosity"}, description = "More logs: -v info, -vv debug, -vvv trace "
                + "(default: [logging] verbosity, else info). Also shows the stack trace of a start-up failure.")
        boolean[] verbosity = new boolean[0];
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Openwecd.class.getPackage().getImplementationVersion();
            return new String[] {"openwecd " + (version == null ? "development build" : version) + " (Java)"};
        }
    }

    private final PrintStream err;
    private final ReentrantLock reloading = new ReentrantLock();

    public Openwecd(PrintStream err) {
        this.err = err;
    }

    /** Runs the program; returns its exit code once it has stopped (or failed to start). */
    public int run(String... args) {
        Arguments arguments = new Arguments();
        CommandLine command = new CommandLine(arguments)
                .setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        try {
            command.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("openwecd: " + e.getMessage());
            err.println("Try 'openwecd --help' for usage.");
            return 2;
        }
        if (command.isUsageHelpRequested()) {
            command.usage(command.getOut());
            return 0;
        }
        if (command.isVersionHelpRequested()) {
            command.printVersionHelp(command.getOut());
            return 0;
        }
        int verbosity = arguments.verbosity.length;
        CollectorServerSettings settings;
        Level level;
        CollectorServer server;
        try {
            settings = SettingsLoader.loadServer(arguments.config);
            level = ServerLogging.level(settings.logging(), verbosity, settings.settings().source());
            ServerLogging.configure(settings.logging(), level, settings.settings().source());
            server = CollectorServer.start(settings);
        } catch (RuntimeException e) {
            return failedToStart(e, verbosity);
        }
        return serve(server, settings, level);
    }

    private int failedToStart(RuntimeException e, int verbosity) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ');
        err.println("openwecd: " + message);
        if (verbosity > 0) {
            e.printStackTrace(err);
        } else if (!(e instanceof UserError || e instanceof StorageException)) {
            // A storage failure's message says what to check (the server, host and port); anything else is a bug.
            err.println("(run again with -v to see the details)");
        }
        return 1;
    }

    private int serve(CollectorServer server, CollectorServerSettings settings, Level level) {
        Logger log = LoggerFactory.getLogger(Openwecd.class);
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<String> reason = new AtomicReference<>();
        try {
            Signals.handle(signal -> {
                if (!reason.compareAndSet(null, "SIG" + signal)) {
                    log.info("Received SIG{} while stopping: the stop goes on", signal);
                }
                stop.countDown();
            }, signal -> Thread.ofVirtual().name("openwecd-reload")
                    .start(() -> reload(server, settings, level, log, reason)));
        } catch (IllegalArgumentException e) {
            // -Xrs or a system without these signals: the JVM's shutdown still runs the hook below.
            log.warn("Cannot handle SIGTERM, SIGINT and SIGHUP ({}): stops go through the JVM's shutdown, and there "
                    + "is no reload on SIGHUP", e.getMessage());
        }
        Thread hook = Thread.ofPlatform().name("openwecd-shutdown").unstarted(() -> {
            if (reason.compareAndSet(null, "the JVM's shutdown")) {
                stop(server, reason.get(), log);
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason.compareAndSet(null, "an interrupt");
        }
        return stop(server, reason.get(), log);
    }

    /**
     * Holds the reload lock: a reload in flight ends before the stop begins, and none starts after it (outputs
     * reopened while the server closes them would be left open).
     */
    private int stop(CollectorServer server, String reason, Logger log) {
        reloading.lock();
        try {
            long started = System.nanoTime();
            log.info("Stopping on {}: no new connection, requests in flight answered (up to 10 s), then queued "
                    + "bookmarks committed and heartbeats flushed", reason);
            try {
                server.close();
                log.info("openwecd stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
                return 0;
            } catch (RuntimeException e) {
                log.error("openwecd stopped in {} ms, with an error: {}", (System.nanoTime() - started) / 1_000_000,
                        e.getMessage());
                return 1;
            }
        } finally {
            reloading.unlock();
        }
    }

    /** One reload at a time; a SIGHUP during a reload waits for it, and one during the stop is not acted on. */
    private void reload(CollectorServer server, CollectorServerSettings settings, Level level, Logger log,
                        AtomicReference<String> stopping) {
        reloading.lock();
        try {
            if (stopping.get() != null) {
                log.info("Received SIGHUP while stopping: no reload");
                return;
            }
            log.info("Received SIGHUP: reloading subscriptions, reopening outputs and log files");
            ServerLogging.configure(settings.logging(), level, settings.settings().source());
            server.reload();
        } catch (RuntimeException e) {
            log.error("Reload on SIGHUP failed: {}", e.toString());
        } finally {
            reloading.unlock();
        }
    }
}
