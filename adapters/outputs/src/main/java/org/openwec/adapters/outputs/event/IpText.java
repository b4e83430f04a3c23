package org.openwec.adapters.outputs.event;

import java.util.Locale;

/**
 * IP addresses as text, as the reference writes them (Rust's {@code IpAddr} Display): IPv4 dotted, IPv6 in
 * lower-case hexadecimal with the first longest run of two or more zero groups written {@code ::}, and
 * IPv4-mapped addresses as {@code ::ffff:a.b.c.d}. The collector may hand over Java's long form
 * ({@code 0:0:0:0:0:0:0:1}); both give the same path and the same IpAddress field. Text that is not an IP
 * literal is kept as it is: nothing here ever resolves a name.
 */
public final class IpText {
    private IpText() {}

    public static String canonical(String ip) {
        String text = ip.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        if (text.indexOf(':') < 0) {
            return isIpv4(text) ? text : ip;
        }
        int[] groups = ipv6Groups(text);
        return groups == null ? ip : format(groups);
    }

    /** Whether canonical text is an IPv6 address (the reference splits those on ':' for {ip:N}). */
    public static boolean isIpv6(String canonical) {
        return canonical.indexOf(':') >= 0;
    }

    static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255 || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
        }
        return true;
    }

    /** @return the eight 16-bit groups, or null when the text is not an IPv6 literal */
    private static int[] ipv6Groups(String text) {
        String head = text;
        String tail = null;
        int gap = text.indexOf("::");
        if (gap >= 0) {
            if (text.indexOf("::", gap + 1) >= 0) {
                return null;
            }
            head = text.substring(0, gap);
            tail = text.substring(gap + 2);
        }
        int[] first = groups(head, tail == null);
        int[] last = tail == null ? new int[0] : groups(tail, true);
        if (first == null || last == null) {
            return null;
        }
        int count = first.length + last.length;
        if (tail == null ? count != 8 : count > 7) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(last, 0, all, 8 - last.length, last.length);
        return all;
    }

    /** @param mayEndWithIpv4 whether the last part may be a dotted IPv4 address (two groups) */
    private static int[] groups(String part, boolean mayEndWithIpv4) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] pieces = part.split(":", -1);
        int[] result = new int[pieces.length + 1];
        int n = 0;
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (i == pieces.length - 1 && mayEndWithIpv4 && piece.indexOf('.') >= 0) {
                if (!isIpv4(piece)) {
                    return null;
                }
                String[] octets = piece.split("\\.");
                result[n++] = Integer.parseInt(octets[0]) << 8 | Integer.parseInt(octets[1]);
                result[n++] = Integer.parseInt(octets[2]) << 8 | Integer.parseInt(octets[3]);
            } else {
                if (piece.isEmpty() || piece.length() > 4
                        || !piece.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
                    return null;
                }
                result[n++] = Integer.parseInt(piece, 16);
            }
        }
        return java.util.Arrays.copyOf(result, n);
    }

    private static String format(int[] groups) {
        boolean mapped = true;
        for (int i = 0; i < 5; i++) {
            mapped &= groups[i] == 0;
        }
        if (mapped && groups[5] == 0xffff) {
            return "::ffff:" + (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "."
                    + (groups[7] & 0xff);
        }
        int bestStart = 0;
        int bestLength = 0;
        int start = 0;
        int length = 0;
        for (int i = 0; i < 8; i++) {
            if (groups[i] == 0) {
                if (length == 0) {
                    start = i;
                }
                length++;
                if (length > bestLength) {
                    bestStart = start;
                    bestLength = length;
                }
            } else {
                length = 0;
            }
        }
        if (bestLength > 1) {
            return hex(groups, 0, bestStart) + "::" + hex(groups, bestStart + bestLength, 8);
        }
        return hex(groups, 0, 8);
    }

    private static String hex(int[] groups, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]).toLowerCase(Locale.ROOT));
        }
        return text.toString();
    }
}
