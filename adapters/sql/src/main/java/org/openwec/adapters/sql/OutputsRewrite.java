package org.openwec.adapters.sql;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.openwec.core.migration.MigrationCatalogue;
import org.openwec.core.model.UserError;

/** Runs an outputs rewrite (migrations 9 and 12) over every subscription row, inside the migration's transaction. */
public final class OutputsRewrite {
    private OutputsRewrite() {}

    /** One unconvertible row fails the migration, which then rolls back whole, and the user is told which row. */
    public static void apply(Handle h, long version, UnaryOperator<String> rewrite) {
        List<Map<String, Object>> rows = h.createQuery("SELECT uuid, outputs FROM subscriptions ORDER BY uuid")
                .mapToMap().list();
        for (Map<String, Object> row : rows) {
            String uuid = (String) row.get("uuid");
            String rewritten;
            try {
                rewritten = rewrite.apply((String) row.get("outputs"));
            } catch (IllegalArgumentException e) {
                throw new UserError("Migration " + version + " (" + MigrationCatalogue.get(version).description()
                        + ") cannot convert the outputs of subscription " + uuid + ": " + e.getMessage()
                        + ". Nothing was changed by this migration; fix or remove that output first.", e);
            }
            h.createUpdate("UPDATE subscriptions SET outputs = :outputs WHERE uuid = :uuid")
                    .bind("outputs", rewritten)
                    .bind("uuid", uuid)
                    .execute();
        }
    }
}
