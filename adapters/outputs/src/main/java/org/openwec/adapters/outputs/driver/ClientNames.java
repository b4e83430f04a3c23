package org.openwec.adapters.outputs.driver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A machine's name made safe for a path, as the reference does (files.rs {@code sanitize_name}): only
 * ASCII letters and digits, '.', '-', '_' and '@' are kept, '$' (the end of every computer account's
 * name) is dropped silently, and at most 255 characters are kept.
 *
 * <p>Beyond the reference: a name that is (or becomes) "." or ".." would, as the {@code {client}} part of
 * a path, mean the directory holding that part or its parent: out of the place the template gives each
 * machine, and with ".." out of the configured directory. So its dots are replaced by '_' and a warning is
 * logged. The batch is written (under "_" or "__") rather than
 * refused: a refused batch is sent again by the machine and refused again, forever, and its events would
 * never be written anywhere. Such a machine may share files with one really named "_" or "__", as sanitised
 * names already may ("a/b" and "ab").
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
        String sanitised = kept.toString();
        if (sanitised.equals(".") || sanitised.equals("..")) {
            String safe = sanitised.replace('.', '_');
            LOG.warn("machine name \"{}\" becomes \"{}\", which would step out of the machine's place in the"
                    + " Files path: \"{}\" is used instead", name, sanitised, safe);
            return safe;
        }
        return sanitised;
    }
}
