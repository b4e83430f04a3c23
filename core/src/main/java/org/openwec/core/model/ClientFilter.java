package org.openwec.core.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which clients a subscription is offered to (docs/reference/stored-formats.md §3). Exact targets behave as a set
 * (lower-cased when case-insensitive); glob patterns are kept as given, duplicates included.
 * A value object: equality is on operation, kind, flags and targets; the compiled patterns are derived.
 */
public final class ClientFilter {
    private final ClientFilterOperation operation;
    private final ClientFilterKind kind;
    private final ClientFilterFlags flags;
    private final List<String> targets;
    private final List<GlobPattern> patterns;

    private ClientFilter(ClientFilterOperation operation, ClientFilterKind kind, ClientFilterFlags flags,
                         List<String> targets) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.flags = Objects.requireNonNull(flags, "flags");
        if (flags.globPattern()) {
            this.targets = List.copyOf(targets);
            this.patterns = this.targets.stream().map(t -> new GlobPattern(t, flags.caseInsensitive())).toList();
        } else {
            LinkedHashSet<String> set = new LinkedHashSet<>();
            for (String t : targets) {
                set.add(flags.caseInsensitive() ? t.toLowerCase(Locale.ROOT) : t);
            }
            this.targets = List.copyOf(set);
            this.patterns = List.of();
        }
    }

    public static ClientFilter of(ClientFilterOperation operation, ClientFilterKind kind, ClientFilterFlags flags,
                                  Collection<String> targets) {
        return new ClientFilter(operation, kind, flags, new ArrayList<>(targets));
    }

    /**
     * Builds the filter from its stored columns: targets are the comma-joined text (NULL = no target),
     * split on every comma with no trimming, as the reference does.
     */
    public static ClientFilter fromStored(ClientFilterOperation operation, ClientFilterKind kind,
                                          ClientFilterFlags flags, String joinedTargets) {
        List<String> targets = joinedTargets == null ? List.of() : List.of(joinedTargets.split(",", -1));
        return new ClientFilter(operation, kind, flags, targets);
    }

    /** The stored {@code client_filter_targets} text, or null when there is no target. */
    public String joinedTargets() {
        return targets.isEmpty() ? null : String.join(",", targets);
    }

    public ClientFilterOperation operation() {
        return operation;
    }

    public ClientFilterKind kind() {
        return kind;
    }

    public ClientFilterFlags flags() {
        return flags;
    }

    public List<String> targets() {
        return targets;
    }

    /**
     * Whether a client passes the filter. {@code machineId} is the MachineID header, null when absent:
     * an Only/MachineID filter then refuses the client and an Except/MachineID filter accepts it.
     */
    public boolean accepts(String client, String machineId) {
        String subject = kind == ClientFilterKind.Client ? client : machineId;
        if (subject == null) {
            return operation == ClientFilterOperation.Except;
        }
        boolean matched = matches(subject);
        return operation == ClientFilterOperation.Only ? matched : !matched;
    }

    private boolean matches(String subject) {
        if (flags.globPattern()) {
            return patterns.stream().anyMatch(p -> p.matches(subject));
        }
        return targets.contains(flags.caseInsensitive() ? subject.toLowerCase(Locale.ROOT) : subject);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ClientFilter other)) {
            return false;
        }
        boolean sameTargets = flags.globPattern()
                ? targets.equals(other.targets)
                : new LinkedHashSet<>(targets).equals(new LinkedHashSet<>(other.targets));
        return operation == other.operation && kind == other.kind && flags.equals(other.flags) && sameTargets;
    }

    @Override
    public int hashCode() {
        return Objects.hash(operation, kind, flags, flags.globPattern() ? targets : new LinkedHashSet<>(targets));
    }

    @Override
    public String toString() {
        return "ClientFilter[" + operation + " " + kind + " flags=" + flags.bits() + " targets=" + targets + "]";
    }
}
