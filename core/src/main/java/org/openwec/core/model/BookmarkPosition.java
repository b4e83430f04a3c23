package org.openwec.core.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a bookmark points: the record id it reached in each channel, read from the bookmark text a
 * client sends, {@code <BookmarkList><Bookmark Channel="Security" RecordId="123456" IsCurrent="true"/></BookmarkList>}
 * (docs/reference/stored-formats.md §5). It exists to answer one question: is an incoming bookmark behind the stored
 * one? OpenWEC replaced bookmarks blindly and lost events when a client sent a backward one (its issue #291).
 *
 * <p>Anything that is not such a list, or not well-formed XML, is {@linkplain #NOT_COMPARABLE not comparable}:
 * it is stored as the reference would store it. The text is read by a small parser of its own rather than the
 * JDK's XML parser: the bookmark group commit parses every bookmark it stores (and, once per machine, the
 * stored one it compares with), and the JDK's StAX reader, the lightest of its parsers, took 4 to 11 times
 * as long per bookmark on Windows bookmark lists of 1 and 5 channels (docs/benchmarks.md, "Bookmark
 * parsers"; the StAX version and its equivalence test live in the benchmarks module). So the core stays on
 * {@code java.*} alone. The parser knows no DTD at all: a document type declaration makes the text not comparable, so there are no
 * external entities to resolve and no entity expansion to bound. Record ids are unsigned 64-bit numbers
 * (the Windows event record id).
 */
public final class BookmarkPosition {
    /** A bookmark that names no channel with a usable record id: never behind anything, nothing is behind it. */
    public static final BookmarkPosition NOT_COMPARABLE = new BookmarkPosition(new String[0], new long[0]);

    private final String[] channels;
    private final long[] recordIds;

    private BookmarkPosition(String[] channels, long[] recordIds) {
        this.channels = channels;
        this.recordIds = recordIds;
    }

    /** Never fails: text that cannot be read as a bookmark list gives {@link #NOT_COMPARABLE}. */
    public static BookmarkPosition parse(String bookmark) {
        if (bookmark == null) {
            return NOT_COMPARABLE;
        }
        try {
            return new Parser(bookmark).bookmarkList();
        } catch (Malformed | RuntimeException e) {
            return NOT_COMPARABLE;
        }
    }

    /** From already known positions, e.g. in tests; channels compare case-insensitively, as Windows names them. */
    public static BookmarkPosition of(Map<String, Long> recordIds) {
        String[] c = new String[recordIds.size()];
        long[] r = new long[recordIds.size()];
        int i = 0;
        for (Map.Entry<String, Long> e : recordIds.entrySet()) {
            for (int j = 0; j < i; j++) {
                if (c[j].equalsIgnoreCase(e.getKey())) {
                    return NOT_COMPARABLE;
                }
            }
            c[i] = e.getKey();
            r[i++] = e.getValue();
        }
        return new BookmarkPosition(c, r);
    }

    public boolean isComparable() {
        return channels.length > 0;
    }

    /** Channel to record id, in the bookmark's order; record ids are unsigned (use {@link Long#toUnsignedString}). */
    public Map<String, Long> recordIds() {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < channels.length; i++) {
            map.put(channels[i], recordIds[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * True when this bookmark is behind {@code stored} on every channel both name, and they name at least
     * one channel in common: storing it would move the client back. Equal on a channel is not behind (a
     * batch may end where the previous one did), and a channel only one of them names proves nothing.
     */
    public boolean isBehind(BookmarkPosition stored) {
        boolean common = false;
        for (int i = 0; i < channels.length; i++) {
            for (int j = 0; j < stored.channels.length; j++) {
                if (channels[i].equalsIgnoreCase(stored.channels[j])) {
                    if (Long.compareUnsigned(recordIds[i], stored.recordIds[j]) >= 0) {
                        return false;
                    }
                    common = true;
                }
            }
        }
        return common;
    }

    /** An estimate of the heap this position holds, for bounding caches of positions. */
    public int estimatedBytes() {
        return 16 + 8 + 16 + 8 * recordIds.length + 16 + 8 * channels.length;
    }

    /** Shares equal channel names through {@code canonical}, so a cache of many positions holds each name once. */
    public BookmarkPosition withCanonicalChannels(Map<String, String> canonical) {
        String[] shared = new String[channels.length];
        for (int i = 0; i < channels.length; i++) {
            String existing = canonical.putIfAbsent(channels[i], channels[i]);
            shared[i] = existing == null ? channels[i] : existing;
        }
        return new BookmarkPosition(shared, recordIds);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BookmarkPosition other && recordIds().equals(other.recordIds());
    }

    @Override
    public int hashCode() {
        return recordIds().hashCode();
    }

    @Override
    public String toString() {
        if (!isComparable()) {
            return "not comparable";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < channels.length; i++) {
            s.append(i == 0 ? "" : ", ").append(channels[i]).append('=').append(Long.toUnsignedString(recordIds[i]));
        }
        return s.toString();
    }

    /** The text is not a well-formed bookmark list. Checked, and caught in {@link #parse} only. */
    private static final class Malformed extends Exception {
        Malformed() {
            super(null, null, false, false);
        }
    }

    /**
     * A strict reader of the XML subset a bookmark list is written in: elements, attributes, character and
     * the five predefined entity references, comments, processing instructions, CDATA sections. It checks
     * well-formedness as it goes (matching end tags, unique attributes, legal characters, one root) and knows
     * no DTD. Only direct {@code Bookmark} children of the {@code BookmarkList} root count; namespace prefixes
     * are ignored, other elements are skipped.
     */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        BookmarkPosition bookmarkList() throws Malformed {
            checkCharacters();
            if (s.startsWith("\uFEFF")) {
                pos = 1;
            }
            if (s.startsWith("<?xml", pos) && pos + 5 < s.length() && isSpace(s.charAt(pos + 5))) {
                xmlDeclaration();
            }
            misc();
            if (!s.startsWith("<", pos) || s.startsWith("<!", pos) || s.startsWith("<?", pos)) {
                throw new Malformed();
            }
            pos++;
            String root = name();
            attributes();
            boolean rootEmpty = tagEnd();
            boolean isList = localName(root).equals("BookmarkList");
            String[] channels = new String[4];
            long[] ids = new long[4];
            int count = 0;
            boolean usable = isList;
            if (!rootEmpty) {
                while (true) {
                    content();
                    if (s.startsWith("</", pos)) {
                        endTag(root);
                        break;
                    }
                    pos++; // '<' of a child element
                    String child = name();
                    Attributes attributes = attributes();
                    boolean empty = tagEnd();
                    if (!empty) {
                        skipElementContent(child);
                    }
                    if (!isList || !localName(child).equals("Bookmark")) {
                        continue;
                    }
                    String channel = attributes.get("Channel");
                    String id = attributes.get("RecordId");
                    if (channel == null || !isRecordId(id)) {
                        usable = false;
                        continue;
                    }
                    for (int i = 0; i < count; i++) {
                        if (channels[i].equalsIgnoreCase(channel)) {
                            usable = false; // the same channel twice: which one holds?
                        }
                    }
                    if (count == channels.length) {
                        channels = Arrays.copyOf(channels, count * 2);
                        ids = Arrays.copyOf(ids, count * 2);
                    }
                    channels[count] = channel;
                    ids[count++] = Long.parseUnsignedLong(id);
                }
            }
            misc();
            if (pos != s.length()) {
                throw new Malformed();
            }
            if (!usable || count == 0) {
                return NOT_COMPARABLE;
            }
            return new BookmarkPosition(Arrays.copyOf(channels, count), Arrays.copyOf(ids, count));
        }

        /** {@code <?xml version="1.0" encoding="..." standalone="yes|no"?>}, the last two optional. */
        private void xmlDeclaration() throws Malformed {
            pos += 5;
            skipSpaces();
            if (!declarationValue("version").equals("1.0")) { // 1.1 has other rules: not for bookmarks
                throw new Malformed();
            }
            boolean separated = skipSpaces();
            if (separated && s.startsWith("encoding", pos)) {
                if (!declarationValue("encoding").matches("[A-Za-z][A-Za-z0-9._-]*")) {
                    throw new Malformed();
                }
                separated = skipSpaces();
            }
            if (separated && s.startsWith("standalone", pos)) {
                if (!declarationValue("standalone").matches("yes|no")) {
                    throw new Malformed();
                }
                skipSpaces();
            }
            if (!s.startsWith("?>", pos)) {
                throw new Malformed();
            }
            pos += 2;
        }

        private String declarationValue(String name) throws Malformed {
            if (!s.startsWith(name, pos)) {
                throw new Malformed();
            }
            pos += name.length();
            skipSpaces();
            if (!s.startsWith("=", pos)) {
                throw new Malformed();
            }
            pos++;
            skipSpaces();
            if (pos >= s.length() || s.charAt(pos) != '"' && s.charAt(pos) != '\'') {
                throw new Malformed();
            }
            int end = s.indexOf(s.charAt(pos), pos + 1);
            if (end < 0) {
                throw new Malformed();
            }
            String value = s.substring(pos + 1, end);
            pos = end + 1;
            return value;
        }

        /** ASCII decimal digits only (no sign, no space), at most an unsigned 64-bit value. */
        private static boolean isRecordId(String text) {
            if (text == null || text.isEmpty() || text.length() > 20) {
                return false;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            try {
                Long.parseUnsignedLong(text);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        /** XML 1.0 characters only: no C0 control but tab, line feed and carriage return, no lone surrogate, no U+FFFE/FFFF. */
        private void checkCharacters() throws Malformed {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                    throw new Malformed();
                }
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        throw new Malformed();
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    throw new Malformed();
                }
            }
        }

        /** Whitespace, comments and processing instructions, as allowed before and after the root. */
        private void misc() throws Malformed {
            while (true) {
                skipSpaces();
                if (s.startsWith("<!--", pos)) {
                    comment();
                } else if (s.startsWith("<?", pos)) {
                    processingInstruction();
                } else {
                    return;
                }
            }
        }

        /** Character data, comments, PIs and CDATA up to the next element start or end tag. */
        private void content() throws Malformed {
            while (true) {
                if (pos >= s.length()) {
                    throw new Malformed();
                }
                char c = s.charAt(pos);
                if (c == '<') {
                    if (s.startsWith("<!--", pos)) {
                        comment();
                    } else if (s.startsWith("<![CDATA[", pos)) {
                        int end = s.indexOf("]]>", pos + 9);
                        if (end < 0) {
                            throw new Malformed();
                        }
                        pos = end + 3;
                    } else if (s.startsWith("<?", pos)) {
                        processingInstruction();
                    } else if (s.startsWith("<!", pos)) {
                        throw new Malformed(); // a DOCTYPE or other declaration: not in a bookmark
                    } else {
                        return;
                    }
                } else if (c == '&') {
                    reference();
                } else if (c == ']' && s.startsWith("]]>", pos)) {
                    throw new Malformed();
                } else {
                    pos++;
                }
            }
        }

        /** The rest of an element whose start tag was read: its content and its end tag. */
        private void skipElementContent(String name) throws Malformed {
            while (true) {
                content();
                if (s.startsWith("</", pos)) {
                    endTag(name);
                    return;
                }
                pos++;
                String child = name();
                attributes();
                if (!tagEnd()) {
                    skipElementContent(child);
                }
            }
        }

        private void endTag(String name) throws Malformed {
            pos += 2;
            String closing = name();
            skipSpaces();
            if (!closing.equals(name) || !s.startsWith(">", pos)) {
                throw new Malformed();
            }
            pos++;
        }

        /** Ends a start tag: true for an empty-element tag ({@code />}). */
        private boolean tagEnd() throws Malformed {
            skipSpaces();
            if (s.startsWith("/>", pos)) {
                pos += 2;
                return true;
            }
            if (s.startsWith(">", pos)) {
                pos++;
                return false;
            }
            throw new Malformed();
        }

        private Attributes attributes() throws Malformed {
            Attributes attributes = new Attributes();
            while (true) {
                int before = pos;
                skipSpaces();
                if (pos >= s.length()) {
                    throw new Malformed();
                }
                char c = s.charAt(pos);
                if (c == '>' || c == '/') {
                    return attributes;
                }
                if (pos == before) {
                    throw new Malformed(); // attributes are separated by whitespace
                }
                String name = name();
                skipSpaces();
                if (!s.startsWith("=", pos)) {
                    throw new Malformed();
                }
                pos++;
                skipSpaces();
                if (pos >= s.length()) {
                    throw new Malformed();
                }
                char quote = s.charAt(pos);
                if (quote != '"' && quote != '\'') {
                    throw new Malformed();
                }
                pos++;
                StringBuilder value = new StringBuilder();
                while (true) {
                    if (pos >= s.length()) {
                        throw new Malformed();
                    }
                    char v = s.charAt(pos);
                    if (v == quote) {
                        pos++;
                        break;
                    }
                    if (v == '<') {
                        throw new Malformed();
                    }
                    if (v == '&') {
                        value.append(reference());
                    } else if (v == '\r') {
                        // Attribute-value normalisation: line ends and tabs become one space each.
                        value.append(' ');
                        pos += s.startsWith("\r\n", pos) ? 2 : 1;
                    } else {
                        value.append(v == '\n' || v == '\t' ? ' ' : v);
                        pos++;
                    }
                }
                if (!attributes.add(name, value.toString())) {
                    throw new Malformed();
                }
            }
        }

        /** Reads an entity or character reference at {@code pos} and returns its text. */
        private String reference() throws Malformed {
            int end = s.indexOf(';', pos);
            if (end < 0) {
                throw new Malformed();
            }
            String ref = s.substring(pos + 1, end);
            pos = end + 1;
            switch (ref) {
                case "lt": return "<";
                case "gt": return ">";
                case "amp": return "&";
                case "quot": return "\"";
                case "apos": return "'";
                default: break;
            }
            if (ref.length() < 2 || ref.charAt(0) != '#') {
                throw new Malformed(); // no DTD, so no other entity is declared
            }
            boolean hex = ref.charAt(1) == 'x';
            String digits = ref.substring(hex ? 2 : 1);
            if (digits.isEmpty() || digits.length() > 8) {
                throw new Malformed();
            }
            int codePoint = 0;
            for (int i = 0; i < digits.length(); i++) {
                char c = digits.charAt(i);
                boolean ascii = c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
                if (!ascii) {
                    throw new Malformed();
                }
                int d = Character.digit(c, 16);
                codePoint = codePoint * (hex ? 16 : 10) + d;
            }
            boolean legal = codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD
                    || codePoint >= 0x20 && codePoint <= 0xD7FF
                    || codePoint >= 0xE000 && codePoint <= 0xFFFD
                    || codePoint >= 0x10000 && codePoint <= 0x10FFFF;
            if (!legal) {
                throw new Malformed();
            }
            return new String(Character.toChars(codePoint));
        }

        private void comment() throws Malformed {
            int end = s.indexOf("--", pos + 4);
            if (end < 0 || !s.startsWith("-->", end)) {
                throw new Malformed(); // "--" may only close a comment
            }
            pos = end + 3;
        }

        private void processingInstruction() throws Malformed {
            pos += 2;
            String target = name();
            if (pos < s.length() && !s.startsWith("?>", pos) && !isSpace(s.charAt(pos))) {
                throw new Malformed();
            }
            int end = s.indexOf("?>", pos);
            if (end < 0) {
                throw new Malformed();
            }
            if (target.equalsIgnoreCase("xml")) {
                throw new Malformed(); // reserved: the XML declaration is allowed at the very start only
            }
            pos = end + 2;
        }

        private String name() throws Malformed {
            int start = pos;
            if (pos >= s.length() || !isNameStart(s.codePointAt(pos))) {
                throw new Malformed();
            }
            pos += Character.charCount(s.codePointAt(pos));
            while (pos < s.length() && isNameChar(s.codePointAt(pos))) {
                pos += Character.charCount(s.codePointAt(pos));
            }
            return s.substring(start, pos);
        }

        /** True when there was at least one. */
        private boolean skipSpaces() {
            int start = pos;
            while (pos < s.length() && isSpace(s.charAt(pos))) {
                pos++;
            }
            return pos > start;
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r';
        }

        /** XML 1.0 (fifth edition) NameStartChar. */
        private static boolean isNameStart(int c) {
            return c == ':' || c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                    || c >= 0xC0 && c <= 0xD6 || c >= 0xD8 && c <= 0xF6 || c >= 0xF8 && c <= 0x2FF
                    || c >= 0x370 && c <= 0x37D || c >= 0x37F && c <= 0x1FFF || c >= 0x200C && c <= 0x200D
                    || c >= 0x2070 && c <= 0x218F || c >= 0x2C00 && c <= 0x2FEF || c >= 0x3001 && c <= 0xD7FF
                    || c >= 0xF900 && c <= 0xFDCF || c >= 0xFDF0 && c <= 0xFFFD || c >= 0x10000 && c <= 0xEFFFF;
        }

        private static boolean isNameChar(int c) {
            return isNameStart(c) || c == '-' || c == '.' || c >= '0' && c <= '9' || c == 0xB7
                    || c >= 0x300 && c <= 0x36F || c >= 0x203F && c <= 0x2040;
        }

        private static String localName(String qualified) {
            int colon = qualified.indexOf(':');
            return colon < 0 ? qualified : qualified.substring(colon + 1);
        }
    }

    /** The few attributes of one tag, by local name; a repeated qualified name is malformed. */
    private static final class Attributes {
        private String[] names = new String[4];
        private String[] values = new String[4];
        private int count;

        boolean add(String name, String value) {
            for (int i = 0; i < count; i++) {
                if (names[i].equals(name)) {
                    return false;
                }
            }
            if (count == names.length) {
                names = Arrays.copyOf(names, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            names[count] = name;
            values[count++] = value;
            return true;
        }

        /** The value of the attribute with that local name (any prefix), or null. */
        String get(String localName) {
            String found = null;
            for (int i = 0; i < count; i++) {
                String n = names[i];
                int colon = n.indexOf(':');
                if ((colon < 0 ? n : n.substring(colon + 1)).equals(localName)) {
                    if (found != null) {
                        return null;
                    }
                    found = values[i];
                }
            }
            return found;
        }
    }
}
