package org.openwec.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.PackageMatcher;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The architecture of openwec storage, written down once. {@link HexagonRules} checks the code against
 * this picture; change the picture here, never by loosening a rule.
 *
 * <pre>
 *                                   app                     (config, cli, server, wiring)
 *                 /                  |                  \
 *     in-memory adapter       SQLite adapter      PostgreSQL adapter      output adapter      adapter contract test kit
 *                                     \                 /
 *                                     shared SQL plumbing  (Jdbi + Jackson)
 *
 *                                   core                    (model, port.in, port.out, migration, service: JDK only)
 * </pre>
 * Every module may use the core, and the app every module except the test kit; the other lines are
 * the only further uses allowed. Uses go downwards only. Inside the app, only the wiring sees the core's
 * driven ports and services; the drivers (command line, server) hold use cases, the core's inbound ports.
 */
final class Hexagon {

    /** Whether a module must already be on the classpath or is only planned. */
    enum Presence { EXPECTED, PLANNED }

    /**
     * The modules, and the modules each one may use (a module may always use itself). Anything not
     * listed is forbidden: a backend adapter never uses another backend or the app, and the test kit
     * speaks only the core's language so that every backend can be held to the same contracts.
     */
    enum Module {
        CORE            ("core",                       Presence.EXPECTED, "org.openwec.core.."),
        SQL_PLUMBING    ("shared SQL plumbing",        Presence.EXPECTED, "org.openwec.adapters.sql..",
                         CORE),
        MEMORY_ADAPTER  ("in-memory adapter",          Presence.EXPECTED, "org.openwec.adapters.memory..",
                         CORE),
        SQLITE_ADAPTER  ("SQLite adapter",             Presence.EXPECTED, "org.openwec.adapters.sqlite..",
                         CORE, SQL_PLUMBING),
        POSTGRES_ADAPTER("PostgreSQL adapter",         Presence.EXPECTED, "org.openwec.adapters.postgres..",
                         CORE, SQL_PLUMBING),
        ADAPTER_TESTKIT ("adapter contract test kit",  Presence.EXPECTED, "org.openwec.adapters.testkit..",
                         CORE),
        WEF_CODEC       ("WEF message codec",          Presence.EXPECTED, "org.openwec.adapters.wef..",
                         CORE),
        OUTPUTS_ADAPTER ("output adapter",             Presence.EXPECTED, "org.openwec.adapters.outputs..",
                         CORE),
        APP             ("app",                        Presence.EXPECTED, "org.openwec.app..",
                         CORE, SQL_PLUMBING, MEMORY_ADAPTER, SQLITE_ADAPTER, POSTGRES_ADAPTER, WEF_CODEC,
                         OUTPUTS_ADAPTER);

        final String label;
        final Presence presence;
        final String packageIdentifier;
        private final Set<Module> mayUse;

        Module(String label, Presence presence, String packageIdentifier, Module... mayUse) {
            this.label = label;
            this.presence = presence;
            this.packageIdentifier = packageIdentifier;
            this.mayUse = Set.of(mayUse); // not an EnumSet: the enum is not initialised yet
        }

        boolean mayUse(Module other) {
            return other == this || mayUse.contains(other);
        }

        boolean contains(JavaClass javaClass) {
            return PackageMatcher.of(packageIdentifier).matches(javaClass.getBaseComponentType().getPackageName());
        }

        static Optional<Module> of(JavaClass javaClass) {
            return Arrays.stream(values()).filter(module -> module.contains(javaClass)).findFirst();
        }

        @Override
        public String toString() {
            return label + " (" + packageIdentifier + ")";
        }
    }

    /** Everything of ours. */
    static final String OPENWEC = "org.openwec..";
    static final String ADAPTERS = "org.openwec.adapters..";

    /** The core's two sides: what drivers call (use cases), and what adapters implement (storage). */
    static final String INBOUND_PORTS = "org.openwec.core.port.in..";
    static final String DRIVEN_PORTS = "org.openwec.core.port.out..";
    /** The services behind the inbound ports; only the wiring builds them. */
    static final String SERVICES = "org.openwec.core.service..";

    /** Where the app opens databases and builds the use cases on their ports: its only package that sees them. */
    static final String WIRING = "org.openwec.app.wiring..";

    /** The programs that drive the core: the openwec command line, and the openwecd collector server to come. */
    static final String[] DRIVERS = {"org.openwec.app.cli..", "org.openwec.app.server.."};

    /** The core's only outside world. */
    static final String[] JDK = {"java.."};

    /** Talking to a database: JDBC, Jdbi, the drivers and the connection pool. */
    static final String[] DATABASE_ACCESS = {
            "java.sql..", "javax.sql..", "org.jdbi..", "org.sqlite..", "org.postgresql..", "com.zaxxer.hikari.."};

    /** Wiring objects together. */
    static final String[] DEPENDENCY_INJECTION = {"dagger..", "javax.inject..", "jakarta.inject.."};

    /** Libraries that decide how the program logs, is configured, stores JSON and is invoked. */
    static final String[] LOGGING_CONFIGURATION_JSON_AND_CLI = {
            "org.slf4j..", "ch.qos.logback..", "org.apache.logging.log4j..", "org.apache.commons.logging..",
            "java.util.logging..",
            "org.tomlj..",
            "com.fasterxml..",
            "picocli.."};

    private Hexagon() {}
}
