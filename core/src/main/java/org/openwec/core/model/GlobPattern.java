package org.openwec.core.model;

import java.util.regex.Pattern;

/**
 * A client filter glob, with the rules of the Rust {@code glob} crate under default match options,
 * which the reference uses: {@code *} is any sequence (separators included), {@code ?} one character,
 * {@code [abc]}, {@code [a-z]} and {@code [!...]} classes, and {@code **} only as a whole path component.
 * Case-insensitive matching folds ASCII letters only, as the reference does.
 */
final class GlobPattern {
    private final String text;
    private final Pattern regex;

    GlobPattern(String text, boolean caseInsensitive) {
        this.text = text;
        // Java's CASE_INSENSITIVE without UNICODE_CASE is ASCII-only, the reference's glob behaviour.
        this.regex = Pattern.compile(toRegex(text), Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE : 0));
    }

    boolean matches(String candidate) {
        return regex.matcher(candidate).matches();
    }

    String text() {
        return text;
    }

    private static String toRegex(String glob) {
        StringBuilder out = new StringBuilder();
        int[] cps = glob.codePoints().toArray();
        int i = 0;
        while (i < cps.length) {
            int c = cps[i];
            if (c == '*') {
                int run = 1;
                while (i + run < cps.length && cps[i + run] == '*') {
                    run++;
                }
                if (run == 1) {
                    out.append(".*");
                } else if (run == 2 && (i == 0 || cps[i - 1] == '/')
                        && (i + 2 == cps.length || cps[i + 2] == '/')) {
                    boolean followedBySeparator = i + 2 < cps.length;
                    out.append(followedBySeparator ? "(?:.*/)?" : ".*");
                    run += followedBySeparator ? 1 : 0;
                } else {
                    throw invalid(glob, "recursive wildcards must form a single path component");
                }
                i += run;
            } else if (c == '?') {
                out.append('.');
                i++;
            } else if (c == '[') {
                i = appendClass(glob, cps, i, out);
            } else {
                out.append(Pattern.quote(new String(Character.toChars(c))));
                i++;
            }
        }
        return out.toString();
    }

    /** Appends the class opening at {@code start}; returns the index after its closing bracket. */
    private static int appendClass(String glob, int[] cps, int start, StringBuilder out) {
        int i = start + 1;
        boolean negated = i < cps.length && cps[i] == '!';
        if (negated) {
            i++;
        }
        StringBuilder cls = new StringBuilder(negated ? "[^" : "[");
        boolean first = true;
        while (i < cps.length && (cps[i] != ']' || first)) {
            int lo = cps[i];
            if (i + 2 < cps.length && cps[i + 1] == '-' && cps[i + 2] != ']') {
                cls.append(escapeInClass(lo)).append('-').append(escapeInClass(cps[i + 2]));
                i += 3;
            } else {
                cls.append(escapeInClass(lo));
                i++;
            }
            first = false;
        }
        if (i >= cps.length) {
            throw invalid(glob, "invalid range pattern");
        }
        out.append(cls).append(']');
        return i + 1;
    }

    private static String escapeInClass(int cp) {
        String s = new String(Character.toChars(cp));
        return Character.isLetterOrDigit(cp) ? s : "\\" + s;
    }

    private static IllegalArgumentException invalid(String glob, String why) {
        return new IllegalArgumentException("Invalid client filter pattern '" + glob + "': " + why);
    }
}
