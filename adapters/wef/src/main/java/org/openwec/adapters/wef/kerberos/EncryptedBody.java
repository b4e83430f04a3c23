package org.openwec.adapters.wef.kerberos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code multipart/encrypted} body of WinRM message encryption (MS-WSMV; OpenWEC server/src/multipart.rs
 * at a41b95f and the capture in its doc/protocol.md):
 *
 * <pre>
 * --Encrypted Boundary\r\n
 * Content-Type: application/HTTP-Kerberos-session-encrypted\r\n
 * OriginalContent: type=application/soap+xml;charset=UTF-16;Length=3240\r\n
 * --Encrypted Boundary\r\n
 * Content-Type: application/octet-stream\r\n
 * (4-byte little-endian header length, token header part, sealed data)--Encrypted Boundary--\r\n
 * </pre>
 *
 * The second part has no blank line after its header, as Windows sends it; header lines may start with a tab
 * (pywinrm writes them so).
 */
public final class EncryptedBody {

    /** The boundary Windows and OpenWEC use. */
    public static final String BOUNDARY = "Encrypted Boundary";

    private static final Pattern PARAMETER = Pattern.compile(
            ";\\s*([A-Za-z-]+)\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]*))");
    private static final Pattern LENGTH = Pattern.compile("(?i)Length=(\\d+)");

    /**
     * What a request body carried.
     *
     * @param originalLength the {@code Length} of {@code OriginalContent}: the plain text's length
     * @param sealed the header-separated wrap token (see {@link WrapTokens})
     */
    public record Part(int originalLength, byte[] sealed) {}

    private EncryptedBody() {}

    /** The {@code Content-Type} of an encrypted answer. */
    public static String contentType(Scheme scheme) {
        return "multipart/encrypted;protocol=\"" + scheme.protocol() + "\";boundary=\"" + BOUNDARY + "\"";
    }

    /** Whether a request's {@code Content-Type} announces an encrypted body at all. */
    public static boolean isEncrypted(String contentType) {
        return contentType != null && contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/encrypted");
    }

    /**
     * Reads a request body.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    public static Part parse(String contentType, byte[] body, Scheme scheme) {
        if (!isEncrypted(contentType)) {
            throw new IllegalArgumentException("the body is not multipart/encrypted (Content-Type " + contentType
                    + "): a Kerberos collector takes encrypted bodies only");
        }
        String protocol = parameter(contentType, "protocol");
        if (protocol == null || !protocol.equalsIgnoreCase(scheme.protocol())) {
            throw new IllegalArgumentException("the multipart protocol is " + protocol + ", expected "
                    + scheme.protocol() + " after " + scheme.headerName() + " authentication");
        }
        String boundary = parameter(contentType, "boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw new IllegalArgumentException("the multipart/encrypted Content-Type has no boundary");
        }
        byte[] middle = ascii("--" + boundary + "\r\n");
        byte[] end = ascii("--" + boundary + "--\r\n");
        int first = indexOf(body, middle, 0);
        if (first < 0) {
            throw new IllegalArgumentException("the body has no opening boundary");
        }
        int controlStart = first + middle.length;
        int second = indexOf(body, middle, controlStart);
        if (second < 0) {
            throw new IllegalArgumentException("the body has no second part");
        }
        String control = new String(body, controlStart, second - controlStart, StandardCharsets.ISO_8859_1);
        int originalLength = -1;
        boolean protocolSeen = false;
        for (String line : control.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Content-Type")) {
                if (!value.equalsIgnoreCase(scheme.protocol())) {
                    throw new IllegalArgumentException("the first part's Content-Type is " + value + ", expected "
                            + scheme.protocol());
                }
                protocolSeen = true;
            } else if (name.equalsIgnoreCase("OriginalContent")) {
                Matcher length = LENGTH.matcher(value);
                if (length.find()) {
                    originalLength = Integer.parseInt(length.group(1));
                }
            }
        }
        if (!protocolSeen) {
            throw new IllegalArgumentException("the first part has no Content-Type " + scheme.protocol());
        }
        int dataHeader = second + middle.length;
        int lineEnd = indexOf(body, ascii("\r\n"), dataHeader);
        if (lineEnd < 0) {
            throw new IllegalArgumentException("the second part has no header line");
        }
        String partType = new String(body, dataHeader, lineEnd - dataHeader, StandardCharsets.ISO_8859_1);
        if (!partType.toLowerCase(Locale.ROOT).replaceAll("\\s", "").equals("content-type:application/octet-stream")) {
            throw new IllegalArgumentException("the second part is not application/octet-stream: " + partType);
        }
        int dataStart = lineEnd + 2;
        int dataEnd = lastIndexOf(body, end);
        if (dataEnd < dataStart) {
            throw new IllegalArgumentException("the body has no closing boundary");
        }
        if (originalLength < 0) {
            throw new IllegalArgumentException("the first part has no OriginalContent Length");
        }
        return new Part(originalLength, Arrays.copyOfRange(body, dataStart, dataEnd));
    }

    /** An answer's body around its header-separated sealed token. */
    public static byte[] format(Scheme scheme, byte[] sealed, int originalLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sealed.length + 256);
        String middle = "--" + BOUNDARY + "\r\n";
        out.writeBytes(ascii(middle + "Content-Type: " + scheme.protocol() + "\r\n"
                + "OriginalContent: type=application/soap+xml;charset=UTF-16;Length=" + originalLength + "\r\n"
                + middle + "Content-Type: application/octet-stream\r\n"));
        out.writeBytes(sealed);
        out.writeBytes(ascii("--" + BOUNDARY + "--\r\n"));
        return out.toByteArray();
    }

    private static String parameter(String contentType, String name) {
        Matcher m = PARAMETER.matcher(contentType);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(name)) {
                return m.group(2) != null ? m.group(2) : m.group(3);
            }
        }
        return null;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = data.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
