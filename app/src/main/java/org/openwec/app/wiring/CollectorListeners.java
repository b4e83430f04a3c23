package org.openwec.app.wiring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openwec.adapters.wef.http.CollectorListener;
import org.openwec.adapters.wef.http.MetricsSettings;
import org.openwec.adapters.wef.http.Pem;
import org.openwec.adapters.wef.http.ServerOptions;
import org.openwec.app.config.CollectorServerSettings;
import org.openwec.app.config.CollectorSettings;
import org.openwec.app.config.ConfigError;
import org.openwec.app.config.MonitoringSettings;
import org.openwec.app.config.TcpKeepalive;

/**
 * The {@code [[collectors]]} entries as the server takes them, checked before anything is opened: values the
 * server refuses, and a Kerberos collector without {@code [server] keytab}, are configuration errors. The
 * keytab itself is read when the collector starts (a missing or unreadable one, or one without the principal,
 * is one line then).
 */
final class CollectorListeners {
    private CollectorListeners() {}

    static List<CollectorListener> of(CollectorServerSettings settings) {
        List<CollectorListener> listeners = new ArrayList<>();
        List<CollectorSettings> collectors = settings.collectors();
        for (int i = 0; i < collectors.size(); i++) {
            listeners.add(listener(settings, i + 1, collectors.get(i)));
        }
        return listeners;
    }

    private static CollectorListener listener(CollectorServerSettings settings, int number, CollectorSettings collector) {
        String which = "[[collectors]] entry " + number + " (" + collector.label() + ")";
        if (collector.authentication() instanceof CollectorSettings.Authentication.Kerberos kerberos
                && settings.keytab() == null) {
            throw error(settings, which + " uses Kerberos authentication, which needs the service principal's keys:"
                    + " set keytab = \"/path/to/wec.keytab\" in [server], the keytab exported for "
                    + kerberos.servicePrincipalName());
        }
        if (collector.maxContentLength() > Integer.MAX_VALUE) {
            throw error(settings, which + " has max_content_length " + collector.maxContentLength()
                    + ", more than this collector accepts (" + Integer.MAX_VALUE + "): lower it");
        }
        if (collector.listenPort() == 0 && collector.advertizedPort() == 0) {
            throw error(settings, which + " has listen_port = 0, which picks a free port: set advertized_port to the"
                    + " port machines must use");
        }
        try {
            return switch (collector.authentication()) {
                case CollectorSettings.Authentication.Tls tls -> new CollectorListener(collector.hostname(),
                        collector.listenAddress(), collector.listenPort(), collector.advertizedPort(),
                        (int) collector.maxContentLength(), collector.enableProxyProtocol(),
                        new CollectorListener.Tls(Pem.file(tls.caCertificate()), Pem.file(tls.serverCertificate()),
                                Pem.file(tls.serverPrivateKey())));
                case CollectorSettings.Authentication.Kerberos kerberos -> new CollectorListener(collector.hostname(),
                        collector.listenAddress(), collector.listenPort(), collector.advertizedPort(),
                        (int) collector.maxContentLength(), collector.enableProxyProtocol(),
                        new CollectorListener.Kerberos(Path.of(settings.keytab()), kerberos.servicePrincipalName()));
            };
        } catch (IllegalArgumentException e) {
            throw error(settings, which + ": " + e.getMessage() + ". Fix that value");
        }
    }

    static ServerOptions.Keepalive keepalive(TcpKeepalive keepalive, CollectorServerSettings settings) {
        try {
            return new ServerOptions.Keepalive(Duration.ofSeconds(keepalive.time()),
                    keepalive.interval() == null ? null : Duration.ofSeconds(keepalive.interval()), keepalive.probes());
        } catch (IllegalArgumentException e) {
            throw error(settings, "[server] " + e.getMessage().replace("keepalive idle time", "tcp_keepalive_time")
                    .replace("keepalive interval", "tcp_keepalive_intvl").replace("keepalive probes", "tcp_keepalive_probes")
                    + ". Fix that value");
        }
    }

    static MetricsSettings metrics(MonitoringSettings monitoring, CollectorServerSettings settings) {
        try {
            return new MetricsSettings(monitoring.httpRequestDurationBuckets(), monitoring.countInputEventsPerMachine(),
                    monitoring.countInputEventBytesPerMachine(), monitoring.countHttpRequestBodyNetworkSizePerMachine(),
                    monitoring.countHttpRequestBodyRealSizePerMachine());
        } catch (IllegalArgumentException e) {
            throw error(settings, "[monitoring] " + e.getMessage() + ". Fix that value");
        }
    }

    private static ConfigError error(CollectorServerSettings settings, String problem) {
        return new ConfigError("Configuration file " + settings.settings().source() + ": " + problem + ".");
    }
}
