package org.openwec.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Where an output sends events. Record names are the stored driver names. */
public sealed interface OutputDriver {

    /** @param path file path template with {ip}, {ip:N}, {client} (or legacy {principal}) and {node} */
    record Files(String path) implements OutputDriver {
        public Files {
            Objects.requireNonNull(path, "path");
        }
    }

    /** @param options librdkafka options; empty means the shared producer */
    record Kafka(String topic, Map<String, String> options) implements OutputDriver {
        public Kafka {
            Objects.requireNonNull(topic, "topic");
            options = Map.copyOf(options);
        }
    }

    /** @param tlsCertificate null when not configured; likewise tlsKey */
    record Tcp(String host, int port, boolean tlsEnabled, List<String> tlsCertificateAuthorities,
               String tlsCertificate, String tlsKey) implements OutputDriver {
        public Tcp {
            Objects.requireNonNull(host, "host");
            SubscriptionParameters.requireU16("port", port);
            tlsCertificateAuthorities = List.copyOf(tlsCertificateAuthorities);
        }

        public static Tcp plain(String host, int port) {
            return new Tcp(host, port, false, List.of(), null, null);
        }
    }

    record Redis(String addr, String list) implements OutputDriver {
        public Redis {
            Objects.requireNonNull(addr, "addr");
            Objects.requireNonNull(list, "list");
        }
    }

    record UnixDatagram(String path) implements OutputDriver {
        public UnixDatagram {
            Objects.requireNonNull(path, "path");
        }
    }

    /** The name stored as the driver key of an output. */
    default String storedName() {
        return getClass().getSimpleName();
    }
}
