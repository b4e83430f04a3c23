package org.openwec.benchmarks.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The options of {@code benchmarks/run --load}.
 *
 * @param rate batches a second for the whole fleet; 0 for as fast as Acks come back (closed loop)
 * @param openwecd the launcher of the real server; null to use {@link LoadServer}
 * @param auth how the machines authenticate: {@code tls} (client certificates), {@code kerberos} (SPNEGO, as
 *             Windows' Negotiate) or {@code kerberos-raw} (the Kerberos scheme), the last two on plain HTTP
 */
public record LoadOptions(boolean sqlite, boolean postgres, int clients, int batch, double rate, Duration warmup,
                   Duration duration, int heartbeatEvery, int clientThreads, Path openwecd, String serverJavaOptions,
                   boolean profile, Path out, boolean keep, String auth) {

    public static final String USAGE = """
            usage: benchmarks/run --load [--only sqlite|postgres] [--clients 1000] [--batch 10] [--duration 45s]
                                         [--warmup 20s] [--rate 3000|max] [--heartbeat-every 60] [--client-threads 1]
                                         [--server assembled|openwecd] [--openwecd PATH] [--server-java-opts "..."]
                                         [--profile] [--keep] [--out FILE] [--auth tls|kerberos|kerberos-raw]""";

    /** @throws IllegalArgumentException with a one-line message naming the option */
    static LoadOptions parse(String[] args, Path root) {
        boolean sqlite = true;
        boolean postgres = true;
        int clients = 1000;
        int batch = 10;
        double rate = 3000;
        Duration warmup = Duration.ofSeconds(20);
        Duration duration = Duration.ofSeconds(45);
        int heartbeatEvery = 60;
        int clientThreads = 1;
        String server = null;
        Path openwecd = null;
        String javaOptions = "";
        boolean profile = false;
        boolean keep = false;
        String auth = "tls";
        Path out = Path.of("benchmarks", "target", "load-results.md");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--load" -> { }
                case "--only" -> {
                    String which = value(args, ++i, arg).toLowerCase(Locale.ROOT);
                    sqlite = which.equals("sqlite");
                    postgres = which.equals("postgres") || which.equals("postgresql");
                    if (!sqlite && !postgres) {
                        throw new IllegalArgumentException("--only takes sqlite or postgres, not " + which);
                    }
                }
                case "--clients" -> clients = positive(args, ++i, arg);
                case "--batch" -> batch = positive(args, ++i, arg);
                case "--rate" -> {
                    String value = value(args, ++i, arg);
                    rate = value.equalsIgnoreCase("max") ? 0 : Double.parseDouble(value);
                    if (rate < 0) {
                        throw new IllegalArgumentException("--rate takes batches a second (or max), not " + value);
                    }
                }
                case "--warmup" -> warmup = duration(value(args, ++i, arg), arg);
                case "--duration" -> duration = duration(value(args, ++i, arg), arg);
                case "--heartbeat-every" -> heartbeatEvery = Integer.parseInt(value(args, ++i, arg));
                case "--client-threads" -> clientThreads = positive(args, ++i, arg);
                case "--server" -> server = value(args, ++i, arg);
                case "--openwecd" -> openwecd = Path.of(value(args, ++i, arg));
                case "--server-java-opts" -> javaOptions = value(args, ++i, arg);
                case "--profile" -> profile = true;
                case "--keep" -> keep = true;
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--auth" -> {
                    auth = value(args, ++i, arg).toLowerCase(Locale.ROOT);
                    if (!List.of("tls", "kerberos", "kerberos-raw").contains(auth)) {
                        throw new IllegalArgumentException("--auth takes tls, kerberos or kerberos-raw, not " + auth);
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        Path launcher = root.resolve("openwecd");
        boolean launcherHere = Files.isExecutable(launcher) && openwecdServerExists(root);
        if (server == null) {
            server = openwecd != null || launcherHere ? "openwecd" : "assembled";
        }
        switch (server) {
            case "assembled" -> openwecd = null;
            case "openwecd" -> {
                if (openwecd == null) {
                    if (!launcherHere) {
                        throw new IllegalArgumentException("--server openwecd: no ./openwecd in " + root
                                + " (the daemon is not merged here); give its launcher with --openwecd PATH or use --server assembled");
                    }
                    openwecd = launcher;
                }
                if (!Files.isExecutable(openwecd)) {
                    throw new IllegalArgumentException("--openwecd " + openwecd + " is not an executable launcher");
                }
            }
            default -> throw new IllegalArgumentException("--server takes assembled or openwecd, not " + server);
        }
        if (!auth.equals("tls") && openwecd == null) {
            throw new IllegalArgumentException("--auth " + auth + " needs openwecd (the assembled server has TLS only): "
                    + "run it where ./openwecd is, or give --openwecd PATH");
        }
        return new LoadOptions(sqlite, postgres, clients, batch, rate, warmup, duration, heartbeatEvery, clientThreads,
                openwecd, javaOptions, profile, out, keep, auth);
    }

    boolean kerberos() {
        return !auth.equals("tls");
    }

    private static boolean openwecdServerExists(Path root) {
        return Files.exists(root.resolve("app/src/main/java/org/openwec/app/server/OpenwecdMain.java"));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String[] args, int i, String option) {
        String text = value(args, i, option);
        try {
            int value = Integer.parseInt(text);
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a positive whole number, not " + text);
        }
    }

    /** {@code 60s}, {@code 2m}, {@code 500ms} or a number of seconds. */
    static Duration duration(String text, String option) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a duration such as 60s, 2m or 500ms, not " + text);
        }
    }
}
