package org.openwec.core.model;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * UUID text as the reference stores and reads it: subscription UUIDs are stored upper-case,
 * internal versions lower-case, and reading accepts any case in the hyphenated, simple (32 hex),
 * braced and {@code urn:uuid:} forms.
 */
public final class Uuids {
    private static final Pattern SIMPLE = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern HYPHENATED =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uuids() {}

    /** The form stored in {@code subscriptions.uuid} and the foreign keys. */
    public static String storedKey(UUID uuid) {
        return uuid.toString().toUpperCase(Locale.ROOT);
    }

    /** The form stored in {@code subscriptions.version} and shown to humans. */
    public static String lowerCase(UUID uuid) {
        return uuid.toString();
    }

    public static Optional<UUID> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
            s = s.substring(9);
        } else if (s.length() == 38 && s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, 37);
        }
        if (SIMPLE.matcher(s).matches()) {
            s = s.substring(0, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16) + "-"
                    + s.substring(16, 20) + "-" + s.substring(20);
        }
        if (!HYPHENATED.matcher(s).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(s));
    }

    public static UUID parseOrThrow(String text, String what) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(what + " is not a UUID: '" + text + "'"));
    }
}
