package org.openwec.adapters.testkit.released;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Rows to insert with plain SQL into one table, values in column order. Values are Java objects
 * (String, Integer, Long, Boolean, null); {@link Backend#encode} turns them into what the backend stores.
 */
public record FixtureTable(String name, List<String> columns, List<List<Object>> rows) {
    public FixtureTable {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(name + ": a row has " + row.size() + " values for "
                        + columns.size() + " columns");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row))); // values may be null
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** {@code INSERT INTO name (c1, c2, ...) VALUES (?, ?, ...)}: every value is a parameter. */
    public String insertSql() {
        return "INSERT INTO " + name + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }
}
