package org.openwec.core.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;

final class CollectorFixtures {
    private CollectorFixtures() {}

    /** An active subscription: enabled, with one enabled output. */
    static Subscription active(String name) {
        return Subscription.create(name, "query")
                .withOutputs(List.of(new Output(OutputFormat.Raw, new OutputDriver.Files("/tmp/{client}"), true)));
    }

    static String bookmark(String channel, long recordId) {
        return "<BookmarkList><Bookmark Channel=\"" + channel + "\" RecordId=\"" + recordId
                + "\" IsCurrent=\"true\"/></BookmarkList>";
    }

    /** A clock the test moves by hand, in milliseconds. */
    static final class ManualClock extends Clock {
        final AtomicLong millis;

        ManualClock(long epochSeconds) {
            this.millis = new AtomicLong(epochSeconds * 1000);
        }

        void setSeconds(long epochSeconds) {
            millis.set(epochSeconds * 1000);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }
}
