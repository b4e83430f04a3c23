package org.openwec.app.format;

import java.util.ArrayList;
import java.util.List;
import org.openwec.core.model.ClientFilterFlags;
import org.openwec.core.model.UserError;

/** Client filter flags as text: flag names joined by " | ", as the reference's bitflags print and parse them. */
public final class FilterFlags {
    private FilterFlags() {}

    /** "", "CaseInsensitive", "GlobPattern" or "CaseInsensitive | GlobPattern". */
    public static String text(ClientFilterFlags flags) {
        List<String> names = new ArrayList<>();
        if (flags.caseInsensitive()) {
            names.add("CaseInsensitive");
        }
        if (flags.globPattern()) {
            names.add("GlobPattern");
        }
        return String.join(" | ", names);
    }

    /** Names separated by '|', spaces around them ignored; names are case-sensitive. */
    public static ClientFilterFlags parse(String text, String where) {
        boolean caseInsensitive = false;
        boolean glob = false;
        if (!text.isBlank()) {
            for (String part : text.split("\\|", -1)) {
                switch (part.strip()) {
                    case "CaseInsensitive" -> caseInsensitive = true;
                    case "GlobPattern" -> glob = true;
                    default -> throw new UserError(where + ": unknown filter flag \"" + part.strip()
                            + "\" in \"" + text + "\". Use CaseInsensitive and/or GlobPattern, joined by |.");
                }
            }
        }
        return new ClientFilterFlags(caseInsensitive, glob);
    }
}
