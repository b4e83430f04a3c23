package org.openwec.adapters.outputs.driver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A machine's name made safe for a path, as the reference does (files.rs {@code sanitize_name}): only
 * ASCII letters and digits, '.', '-', '_' and '@' are kept, '$' (the end of every computer account's
 * name) is dropped silently, and at most 255 characters are kept.
 */
final class ClientNames {
    private static final Logger LOG = LoggerFactory.getLogger(ClientNames.class);
    private static final int MAX = 255;

    private ClientNames() {}

    static String sanitise(String name) {
        StringBuilder kept = new StringBuilder(Math.min(name.length(), MAX));
        boolean dropped = false;
        for (int i = 0; i < name.length(); i++) {
            if (kept.length() >= MAX) {
                LOG.warn("machine name \"{}\" is too long for a path: only its first {} usable characters are kept",
                        name, MAX);
                break;
            }
            char c = name.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_' || c == '@') {
                kept.append(c);
            } else if (c != '$') {
                dropped = true;
            }
        }
        if (dropped) {
            LOG.debug("characters not allowed in a path were removed from machine name \"{}\"", name);
        }
        return kept.toString();
    }
}
