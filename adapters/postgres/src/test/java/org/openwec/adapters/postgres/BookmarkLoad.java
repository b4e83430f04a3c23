package org.openwec.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openwec.core.model.Bookmark;
import org.openwec.core.port.out.Storage;

/**
 * Writer threads storing bookmarks until told to stop, as collectors do when clients send events: each
 * round writes one key of its own, written once and never again, then overwrites one of a few hot keys.
 * Every write is recorded with its outcome: acknowledged (the call returned) or failed (the call threw,
 * so the caller knows); the check afterwards is that no acknowledged write was lost.
 */
final class BookmarkLoad {
    static final int HOT_KEYS = 5;

    private final Storage storage;
    private final java.util.UUID subscription;
    private final int writers;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    final AcknowledgedWrites writes = new AcknowledgedWrites();
    final LongAdder acknowledged = new LongAdder();
    final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    /** (start, end) of every acknowledged write, to tell which ones rode through an outage. */
    final ConcurrentLinkedQueue<long[]> spans = new ConcurrentLinkedQueue<>();

    BookmarkLoad(Storage storage, java.util.UUID subscription, int writers) {
        this.storage = storage;
        this.subscription = subscription;
        this.writers = writers;
    }

    void start() {
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread t = new Thread(() -> run(writer), "bookmark-writer-" + w);
            t.start();
            threads.add(t);
        }
    }

    private void run(int writer) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int seq = 0; !stop.get(); seq++) {
            write("ONCE-" + writer + "-" + seq + "$@W.LOCAL", "once-" + writer + "-" + seq);
            write("HOT" + random.nextInt(HOT_KEYS) + "$@W.LOCAL", "hot-" + writer + "-" + seq);
        }
    }

    private void write(String machine, String value) {
        long begin = System.nanoTime();
        try {
            storage.bookmarks().storeBookmark(machine, subscription, value);
            long end = System.nanoTime();
            writes.add(machine, value, begin, end);
            spans.add(new long[] {begin, end});
            acknowledged.increment();
        } catch (RuntimeException e) {
            writes.addFailed(machine, value, begin, System.nanoTime());
            failures.add(e);
        }
    }

    /** Stops the writers after their current write and waits for them. */
    void stopAndJoin(Duration patience) throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(patience.toMillis());
            assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
        }
    }

    /** Acknowledged writes whose call spanned the instant {@code at}: they were held up, then went through. */
    long acknowledgedAcross(long from, long to) {
        return spans.stream().filter(s -> s[0] < to && s[1] > from).count();
    }

    /** Every acknowledged write is stored (keys written once) or superseded only as concurrency allows (hot keys). */
    int assertNothingAcknowledgedWasLost() {
        Map<String, String> stored = storage.bookmarks().bookmarks(subscription).stream()
                .collect(Collectors.toMap(Bookmark::machine, Bookmark::bookmark));
        Function<String, Optional<String>> lookup = machine -> Optional.ofNullable(stored.get(machine));
        return writes.assertStored(lookup);
    }
}
