package org.openwec.adapters.testkit.released;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.Subscription;

/**
 * One {@code subscriptions} row as a released version wrote it, and the object it reads as once the
 * database is upgraded to the latest schema.
 *
 * @param row column name to value, in the columns and encodings of the fixture's state (booleans as Boolean)
 * @param expected what the reference says the row is after its own upgrade (plus our documented improvement:
 *                 Tcp {@code {addr, port}} reads with TLS off)
 */
public record FixtureSubscription(Map<String, Object> row, Subscription expected) {
    public FixtureSubscription {
        row = Collections.unmodifiableMap(new LinkedHashMap<>(row)); // values may be null
        Objects.requireNonNull(expected, "expected");
    }

    public String name() {
        return expected.name();
    }

    /**
     * What {@link #expected} reads as after a downgrade to {@code target} that the plan reports as
     * lossless, followed by an upgrade back to the latest schema.
     *
     * <p>One documented normalisation: below version 12 a Files output has no path, only the legacy
     * fields, and migration 12 up computes the path with today's {@code {client}} placeholder
     * (docs/reference/schema.md §3, v12). So a path that used the legacy spelling {@code {principal}} (written by
     * v0.3.0's own migration 12, or by hand in its era) comes back as the same path with {@code {client}}.
     * The Files driver treats both alike, so the output writes to the same files. Nothing else changes,
     * the internal version included.
     */
    public Subscription expectedAfterRoundTripThrough(ReleasedState target) {
        return target.hasFilesPaths() ? expected : withClientPlaceholder(expected);
    }

    /** {@code s} with every {@code {principal}} of its Files paths spelt {@code {client}}; same internal version. */
    public static Subscription withClientPlaceholder(Subscription s) {
        List<Output> outputs = s.outputs().stream()
                .map(o -> o.driver() instanceof OutputDriver.Files files
                        ? new Output(o.format(), new OutputDriver.Files(files.path().replace("{principal}", "{client}")),
                                o.enabled())
                        : o)
                .toList();
        return new Subscription(s.uuid(), s.internalVersion(), s.revision(), s.uri(), s.enabled(), s.parameters(),
                s.clientFilter(), outputs);
    }
}
