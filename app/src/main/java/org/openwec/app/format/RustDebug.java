package org.openwec.app.format;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values written as Rust's {@code {:?}} writes them, for the outputs the reference prints with its derived
 * Debug: strings quoted with Rust's escapes, {@code None} / {@code Some("x")}, lists and maps.
 */
final class RustDebug {
    private RustDebug() {}

    static String string(String s) {
        StringBuilder out = new StringBuilder("\"");
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            switch (cp) {
                case 0 -> out.append("\\0");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                default -> {
                    if (printable(cp, i == 0)) {
                        out.appendCodePoint(cp);
                    } else {
                        out.append("\\u{").append(Integer.toHexString(cp)).append('}');
                    }
                }
            }
            i += Character.charCount(cp);
        }
        return out.append('"').toString();
    }

    static String optional(String s) {
        return s == null ? "None" : "Some(" + string(s) + ")";
    }

    static String list(List<String> values) {
        return "[" + String.join(", ", values.stream().map(RustDebug::string).toList()) + "]";
    }

    /** Keys sorted: the reference prints a HashMap in no particular order, a stable one reads better. */
    static String map(Map<String, String> values) {
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(values).forEach((k, v) -> {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(string(k)).append(": ").append(string(v));
        });
        return out.append('}').toString();
    }

    /**
     * An approximation of Rust's {@code is_printable}: controls, format characters, separators other
     * than the ASCII space, private-use and unassigned code points are escaped, and so is a combining
     * mark that opens the string (it would otherwise combine with the quote).
     */
    private static boolean printable(int cp, boolean first) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR, Character.PRIVATE_USE, Character.UNASSIGNED, Character.SURROGATE -> false;
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> !first;
            default -> true;
        };
    }
}
