package org.openwec.app.format;

import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;

/**
 * One output as the reference's CLI shows it (show, edit outputs, prompts):
 * {@code Enabled: true, Format: raw, Driver: Files(FilesConfiguration { path: "/x" })}.
 */
public final class OutputText {
    private OutputText() {}

    public static String describe(Output output) {
        return "Enabled: " + output.enabled() + ", Format: " + formatName(output.format()) + ", Driver: " + driver(output.driver());
    }

    /** The lower-case names the CLI takes with {@code outputs add -f} and prints. */
    public static String formatName(OutputFormat format) {
        return switch (format) {
            case Json -> "json";
            case Raw -> "raw";
            case RawJson -> "raw_json";
            case Nxlog -> "nxlog";
        };
    }

    static String driver(OutputDriver driver) {
        return switch (driver) {
            case OutputDriver.Files f -> "Files(FilesConfiguration { path: " + RustDebug.string(f.path()) + " })";
            case OutputDriver.Kafka k -> "Kafka(KafkaConfiguration { topic: " + RustDebug.string(k.topic())
                    + ", options: " + RustDebug.map(k.options()) + " })";
            case OutputDriver.Tcp t -> "Tcp(TcpConfiguration { host: " + RustDebug.string(t.host())
                    + ", port: " + t.port()
                    + ", tls_enabled: " + t.tlsEnabled()
                    + ", tls_certificate_authorities: " + RustDebug.list(t.tlsCertificateAuthorities())
                    + ", tls_certificate: " + RustDebug.optional(t.tlsCertificate())
                    + ", tls_key: " + RustDebug.optional(t.tlsKey()) + " })";
            case OutputDriver.Redis r -> "Redis(RedisConfiguration { addr: " + RustDebug.string(r.addr())
                    + ", list: " + RustDebug.string(r.list()) + " })";
            case OutputDriver.UnixDatagram u -> "UnixDatagram(UnixDatagramConfiguration { path: "
                    + RustDebug.string(u.path()) + " })";
        };
    }
}
