package org.openwec.app.format;

import java.util.List;
import java.util.regex.Pattern;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.UserError;

/** Checks applied when an output is created (CLI, configuration file, import), as the reference does. */
public final class OutputRules {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private OutputRules() {}

    /**
     * A TLS Tcp output must name its server by host name (certificates name hosts), trust at least one
     * authority, and give a client certificate and its key together or not at all (data-formats 4.2).
     */
    public static OutputDriver.Tcp tcp(String host, int port, boolean tlsEnabled, List<String> authorities,
                                       String certificate, String key, String where) {
        if (tlsEnabled) {
            if (IPV4.matcher(host).matches() || host.contains(":")) {
                throw new UserError(where + ": TLS needs the server's host name, not the IP address " + host + ".");
            }
            if (authorities.isEmpty()) {
                throw new UserError(where + ": tls_enabled needs tls_certificate_authorities (at least one CA file).");
            }
            if ((certificate == null) != (key == null)) {
                throw new UserError(where + ": tls_certificate and tls_key go together: set both or neither.");
            }
        }
        return new OutputDriver.Tcp(host, port, tlsEnabled, authorities, certificate, key);
    }

    /** The stored format names, exact case: Json, Raw, RawJson, Nxlog. */
    public static OutputFormat format(String name, String where) {
        for (OutputFormat f : OutputFormat.values()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new UserError(where + ": unknown output format \"" + name + "\". Use Json, Raw, RawJson or Nxlog.");
    }
}
