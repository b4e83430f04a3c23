package org.openwec.adapters.sql;

/**
 * The data rewrites of the reference's migrations 9 and 12, each a pure function from one whole
 * {@code subscriptions.outputs} value to its rewritten value, serialised as the reference does.
 * A value that cannot be rewritten throws IllegalArgumentException naming the output and the reason;
 * the caller rolls the migration back, as the reference does.
 */
public final class LegacyOutputs {

    private LegacyOutputs() {
    }

    /** Migration 9 up: {@code {"Files":["Json",{..},true]}} becomes {@code {"format":"Json","driver":{"Files":{..}},"enabled":true}}. */
    public static String v9Up(String outputs) {
        return V9Rewrite.up(outputs);
    }

    /** Migration 9 down: the inverse; fails on RawJson/Nxlog, on a path-only Files config and on a Tcp config without 'addr'. */
    public static String v9Down(String outputs) {
        return V9Rewrite.down(outputs);
    }

    /** Migration 12 up: Files base/split/append/filename become one {@code path}; an existing path is kept. */
    public static String v12Up(String outputs) {
        return V12Rewrite.up(outputs);
    }

    /**
     * Migration 12 down: a Files path the legacy fields can express becomes those fields (enabled kept);
     * any other becomes the reference's disabled placeholder, its path lost (with a warning).
     */
    public static String v12Down(String outputs) {
        return V12Rewrite.down(outputs);
    }

    /** Whether migration 12 down can express this Files path in the legacy fields without losing it. */
    public static boolean isExpressibleBeforeV12(String path) {
        return V12Rewrite.legacyConfig(path) != null;
    }

    /**
     * The path template equivalent to a pre-v12 Files config, built with POSIX path-join rules as
     * Rust's {@code PathBuf::push}: an absolute component replaces what was built, a separator is
     * added only when the path is non-empty and does not already end with one. Emits {@code {client}};
     * v0.3.0 and earlier emitted {@code {principal}}, which existing rows keep.
     *
     * @param base null or "" starts a relative path
     * @param splitOnAddrIndex null for no split, else 0 to 255
     * @param appendNodeName null means false
     * @param filename null means "messages"
     */
    public static String filesPathFromLegacy(String base, Integer splitOnAddrIndex, Boolean appendNodeName,
                                             String filename) {
        StringBuilder path = new StringBuilder(base == null ? "" : base);
        if (splitOnAddrIndex != null) {
            if (splitOnAddrIndex < 0 || splitOnAddrIndex > 0xFF) {
                throw new IllegalArgumentException(
                        "split_on_addr_index must be from 0 to 255, found " + splitOnAddrIndex);
            }
            for (int i = splitOnAddrIndex; i < 4; i++) {
                push(path, "{ip:" + i + "}");
            }
        }
        push(path, "{ip}");
        push(path, "{client}");
        if (Boolean.TRUE.equals(appendNodeName)) {
            push(path, "{node}");
        }
        push(path, filename == null ? "messages" : filename);
        return path.toString();
    }

    private static void push(StringBuilder path, String component) {
        if (component.startsWith("/")) {
            path.setLength(0);
        } else if (!path.isEmpty() && path.charAt(path.length() - 1) != '/') {
            path.append('/');
        }
        path.append(component);
    }
}
