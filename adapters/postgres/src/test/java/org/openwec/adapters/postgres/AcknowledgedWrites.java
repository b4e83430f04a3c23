package org.openwec.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * The bookmark writes a concurrent load had acknowledged, with when each was issued and when it returned,
 * and the check that the stored values are the ones those acknowledgements promise.
 *
 * <p>With concurrent writers, "the last write" is only defined up to overlap. The sound rule for a key whose
 * stored value is F (every write writes a value of its own): F must come from an acknowledged write, or from
 * a write whose failure was reported (it may have committed before its connection broke: the caller was
 * told it is uncertain, nothing was silently lost); and no acknowledged write W of that key may have
 * started after F's write returned ({@code W.start > F.end}): such a W committed after F did, so it, not F,
 * would be stored. Writes that overlap F may have committed in either order.
 */
final class AcknowledgedWrites {
    /** One acknowledged write: its key and value, and System.nanoTime() just before the call and just after it returned. */
    record Write(String key, String value, long start, long end) {}

    private final Map<String, Collection<Write>> byKey = new ConcurrentHashMap<>();
    private final Map<String, Collection<Write>> failedByKey = new ConcurrentHashMap<>();

    void add(String key, String value, long start, long end) {
        byKey.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(new Write(key, value, start, end));
    }

    /** A write whose failure was reported to the caller: it may or may not have been applied. */
    void addFailed(String key, String value, long start, long end) {
        failedByKey.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(new Write(key, value, start, end));
    }

    int count() {
        return byKey.values().stream().mapToInt(Collection::size).sum();
    }

    int keys() {
        return byKey.size();
    }

    /** Checks every key against the stored values; returns the number of keys checked. */
    int assertStored(Function<String, Optional<String>> stored) {
        List<String> problems = new ArrayList<>();
        byKey.forEach((key, writes) -> {
            Optional<String> value = stored.apply(key);
            if (value.isEmpty()) {
                problems.add(key + ": missing, although " + writes.size() + " write(s) were acknowledged");
                return;
            }
            Optional<Write> last = writes.stream().filter(w -> w.value().equals(value.get())).findFirst()
                    .or(() -> failedByKey.getOrDefault(key, List.of()).stream()
                            .filter(w -> w.value().equals(value.get())).findFirst());
            if (last.isEmpty()) {
                problems.add(key + ": stored value " + value.get() + " is not the value of any write issued");
                return;
            }
            writes.stream().filter(w -> w.start() > last.get().end()).findFirst().ifPresent(later -> problems.add(
                    key + ": stored " + last.get() + " but " + later + " started after it had returned"));
        });
        assertThat(problems).as("keys whose stored value contradicts the acknowledged writes").isEmpty();
        return byKey.size();
    }
}
