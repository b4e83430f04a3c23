package org.openwec.adapters.memory;

import java.util.Comparator;

/**
 * Text order by Unicode code point, which is SQLite's default BINARY collation on UTF-8 text. Java's
 * {@link String#compareTo} compares UTF-16 units and would put U+FFFD after an emoji.
 */
final class CodePointOrder {
    static final Comparator<String> INSTANCE = CodePointOrder::compare;

    private CodePointOrder() {}

    private static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
