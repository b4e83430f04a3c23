package org.openwec.app.config;

import java.util.List;
import java.util.Objects;

/**
 * Everything {@code openwecd} reads from the settings file: what the command line reads too ({@link #settings()}:
 * the database and the {@code [server]} keys of the storage core), and the sections only the collector server
 * uses, all validated at load.
 *
 * @param collectors at least one
 * @param keytab {@code [server] keytab}, null when not set (Kerberos only)
 * @param monitoring null when {@code [monitoring]} is absent: no metrics endpoint
 */
public record CollectorServerSettings(Settings settings, List<CollectorSettings> collectors, String keytab,
                                      TcpKeepalive tcpKeepalive, OutputSettings outputs, MonitoringSettings monitoring,
                                      LoggingSettings logging) {
    public CollectorServerSettings {
        Objects.requireNonNull(settings, "settings");
        collectors = List.copyOf(collectors);
        Objects.requireNonNull(tcpKeepalive, "tcpKeepalive");
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(logging, "logging");
        if (collectors.size() != settings.collectors()) {
            throw new IllegalArgumentException("settings counts " + settings.collectors() + " collectors, "
                    + collectors.size() + " given");
        }
    }

    public ServerSettings server() {
        return settings.server();
    }

    public DatabaseSettings database() {
        return settings.database();
    }
}
