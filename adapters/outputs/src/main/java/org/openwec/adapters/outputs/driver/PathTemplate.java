package org.openwec.adapters.outputs.driver;

import java.util.ArrayList;
import java.util.List;
import org.openwec.adapters.outputs.event.EventMetadata;
import org.openwec.adapters.outputs.event.IpText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Files output's path, with the reference's variables (OpenWEC server/src/drivers/files.rs at a41b95f,
 * doc/outputs.md): {@code {ip}}, {@code {ip:N}} (the address up to its Nth separator, N clamped to 1-4 for
 * IPv4 and 1-8 for IPv6), {@code {client}} (or the older {@code {principal}}) with the name sanitised, and
 * {@code {node}} (left as the text {@code {node}} when {@code node_name} is not set). The syntax is the leon
 * crate's, which the reference uses: spaces around a name are ignored, {@code \{}, {@code \}} and
 * {@code \\} stand for themselves, and any other backslash or a lone brace is an error. Errors are found
 * when the template is read, not at the first batch.
 */
public final class PathTemplate {
    private static final Logger LOG = LoggerFactory.getLogger(PathTemplate.class);

    private sealed interface Part permits Text, Ip, IpPrefix, Client, Node {}

    private record Text(String text) implements Part {}

    private record Ip() implements Part {}

    private record IpPrefix(int index) implements Part {}

    private record Client() implements Part {}

    private record Node() implements Part {}

    private final String template;
    private final List<Part> parts;

    private PathTemplate(String template, List<Part> parts) {
        this.template = template;
        this.parts = List.copyOf(parts);
    }

    /** @throws IllegalArgumentException with a message naming the template and the mistake */
    public static PathTemplate parse(String template) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '\\') {
                char next = i + 1 < template.length() ? template.charAt(i + 1) : 0;
                if (next != '\\' && next != '{' && next != '}') {
                    throw invalid(template, "a backslash must be followed by \\, { or } (at " + i + ")");
                }
                text.append(next);
                i += 2;
            } else if (c == '}') {
                throw invalid(template, "'}' without '{' (at " + i + "); write \\} for a brace");
            } else if (c == '{') {
                int close = template.indexOf('}', i + 1);
                if (close < 0) {
                    throw invalid(template, "'{' without '}' (at " + i + ")");
                }
                String key = template.substring(i + 1, close);
                if (key.indexOf('{') >= 0 || key.indexOf('\\') >= 0) {
                    throw invalid(template, "a variable name cannot hold '{' or '\\' (at " + i + ")");
                }
                if (!text.isEmpty()) {
                    parts.add(new Text(text.toString()));
                    text.setLength(0);
                }
                parts.add(variable(template, key.strip()));
                i = close + 1;
            } else {
                text.append(c);
                i++;
            }
        }
        if (!text.isEmpty()) {
            parts.add(new Text(text.toString()));
        }
        return new PathTemplate(template, parts);
    }

    private static Part variable(String template, String key) {
        switch (key) {
            case "" -> throw invalid(template, "empty variable {}");
            case "ip" -> {
                return new Ip();
            }
            case "client", "principal" -> {
                return new Client();
            }
            case "node" -> {
                return new Node();
            }
            default -> {
                if (key.startsWith("ip:")) {
                    Integer index = u8(key.substring(3));
                    if (index == null) {
                        throw invalid(template, "{" + key + "}: N in {ip:N} must be a number from 1 to 8");
                    }
                    return new IpPrefix(index);
                }
                throw invalid(template, "unknown variable {" + key + "}; the variables are {ip}, {ip:N}, {client}"
                        + " and {node}");
            }
        }
    }

    /** Rust's u8 parsing: an optional '+' and ASCII digits, at most 255. */
    private static Integer u8(String text) {
        String digits = text.startsWith("+") ? text.substring(1) : text;
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        int value = Integer.parseInt(digits);
        return value <= 255 ? value : null;
    }

    private static IllegalArgumentException invalid(String template, String mistake) {
        return new IllegalArgumentException("Files path template \"" + template + "\": " + mistake);
    }

    public boolean usesNode() {
        return parts.stream().anyMatch(Node.class::isInstance);
    }

    public String render(EventMetadata metadata) {
        StringBuilder path = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Text text -> path.append(text.text());
                case Ip ip -> path.append(metadata.ip());
                case IpPrefix prefix -> path.append(ipPrefix(metadata.ip(), prefix.index()));
                case Client client -> path.append(ClientNames.sanitise(metadata.client()));
                case Node node -> path.append(metadata.nodeName() == null ? "{node}" : metadata.nodeName());
            }
        }
        return path.toString();
    }

    /** The address up to (not including) its index-th separator: {ip:2} of 192.168.1.10 is 192.168. */
    static String ipPrefix(String ip, int index) {
        boolean ipv6 = IpText.isIpv6(ip);
        int max = ipv6 ? 8 : 4;
        int clamped = Math.max(1, Math.min(max, index));
        if (clamped != index) {
            LOG.warn("{ip:{}} is out of 1-{} for {}: {ip:{}} used", index, max, ip, clamped);
        }
        char separator = ipv6 ? ':' : '.';
        int seen = 0;
        for (int i = 0; i < ip.length(); i++) {
            if (ip.charAt(i) == separator && ++seen >= clamped) {
                return ip.substring(0, i);
            }
        }
        return ip;
    }

    @Override
    public String toString() {
        return template;
    }
}
