package org.openwec.adapters.sql;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openwec.core.model.Migration;

/** The migrations a SQL backend registers, by version: what the schema port reports and runs. */
public final class MigrationRegistry {
    private final Map<Long, SqlMigration> steps;
    private final SortedMap<Long, Migration> registered;

    public MigrationRegistry(List<SqlMigration> migrations) {
        this.steps = migrations.stream().collect(Collectors.toMap(SqlMigration::version, Function.identity()));
        this.registered = Collections.unmodifiableSortedMap(new TreeMap<>(migrations.stream()
                .collect(Collectors.toMap(SqlMigration::version, SqlMigration::migration))));
    }

    public SortedMap<Long, Migration> registered() {
        return registered;
    }

    /** @throws IllegalArgumentException with the reference's wording when the version is not registered */
    public SqlMigration get(long version) {
        SqlMigration migration = steps.get(version);
        if (migration == null) {
            throw new IllegalArgumentException("Could not retrieve migration with version " + version);
        }
        return migration;
    }
}
