package org.openwec.app.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.openwec.core.migration.SchemaStatus;
import org.openwec.core.model.Migration;
import org.openwec.core.port.in.MigrateSchema;

/** The reference's {@code openwec db} report, line for line (its spelling "Knowned" included: scripts match it). */
final class MigrationReport {
    private MigrationReport() {}

    static void print(PrintWriter out, MigrateSchema.Plan plan) {
        SchemaStatus status = plan.status();
        SortedMap<Long, Migration> known = new TreeMap<>();
        status.known().forEach(m -> known.put(m.version(), m));
        out.println("Knowned migrations:");
        known.values().forEach(out::println);
        if (status.applied().isEmpty()) {
            out.println("No migrations already applied");
        } else {
            out.println("Applied migrations:");
            for (long version : status.applied()) {
                Migration m = known.get(version);
                out.println(version + ": " + (m == null ? "unknown" : m.description()));
            }
        }
        if (plan.isEmpty()) {
            out.println("Nothing to do");
        } else {
            out.println(plan.direction() == MigrateSchema.Direction.UPGRADE ? "Migrations to apply:" : "Migrations to remove:");
            plan.steps().forEach(out::println);
        }
        if (!plan.losses().isEmpty()) {
            out.println(plan.blocked() ? "Data this downgrade cannot convert:" : "Data this downgrade would lose:");
            plan.losses().forEach(loss -> out.println("- " + loss));
        }
        out.flush();
    }

    /** Our {@code db status}: the same facts, plus a verdict and what to do about it. */
    static void printStatus(PrintWriter out, String location, SchemaStatus status) {
        out.println("Database: " + location);
        out.println("Schema: " + verdict(status));
        out.println("Known migrations:");
        status.known().forEach(out::println);
        Map<Long, Migration> byVersion = new TreeMap<>();
        status.known().forEach(m -> byVersion.put(m.version(), m));
        out.println("Applied migrations:" + (status.applied().isEmpty() ? " none" : ""));
        for (long version : status.applied()) {
            Migration m = byVersion.get(version);
            out.println(version + ": " + (m == null ? "unknown (written by a newer openwec)" : m.description()));
        }
        out.println("Pending migrations:" + (status.pending().isEmpty() ? " none" : ""));
        status.pending().forEach(out::println);
        out.flush();
    }

    private static String verdict(SchemaStatus status) {
        return switch (status.state()) {
            case NOT_INITIALISED -> "not initialised: run `openwec db init`";
            case UP_TO_DATE -> "version " + status.currentVersion() + ", up to date";
            // currentVersion() is -1 when the bookkeeping table is empty (e.g. after `db downgrade --to 0`).
            case OUTDATED -> (status.applied().isEmpty() ? "no migration applied" : "version " + status.currentVersion())
                    + ", " + status.pending().size()
                    + " migration(s) pending: run `openwec db upgrade`";
            case NEWER_THAN_BINARY -> "version " + status.currentVersion() + ", written by a newer openwec (unknown versions "
                    + status.unknown() + "): use that version";
        };
    }
}
