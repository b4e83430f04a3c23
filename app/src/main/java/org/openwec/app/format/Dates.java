package org.openwec.app.format;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as the reference prints them, in the local time zone (chrono's to_rfc3339 and to_rfc2822). */
public final class Dates {
    /** Seconds precision and a numeric offset, never "Z": 2025-01-01T01:00:00+01:00, 2025-01-01T00:00:00+00:00. */
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);
    /** Day of month not padded, numeric offset: Tue, 1 Jul 2003 10:52:37 +0200. */
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, d MMM uuuu HH:mm:ss xx", Locale.ENGLISH);

    private Dates() {}

    /** A stored Unix time; a value outside the calendar (a damaged row) is shown as the number itself. */
    public static String rfc3339(long epochSeconds, ZoneId zone) {
        try {
            return RFC_3339.format(Instant.ofEpochSecond(epochSeconds).atZone(zone));
        } catch (DateTimeException e) {
            return Long.toString(epochSeconds);
        }
    }

    public static String rfc2822(Instant instant, ZoneId zone) {
        return RFC_2822.format(instant.atZone(zone));
    }
}
