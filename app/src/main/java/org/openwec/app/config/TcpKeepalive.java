package org.openwec.app.config;

/**
 * {@code [server] tcp_keepalive_time}, {@code tcp_keepalive_intvl} and {@code tcp_keepalive_probes}: how the
 * collector's connections find dead machines (seconds; interval and probes null when not set, which leaves the
 * system's values).
 */
public record TcpKeepalive(long time, Long interval, Integer probes) {
    /** The reference's default: 7200 s before the first probe, the system's interval and count. */
    public static final TcpKeepalive DEFAULTS = new TcpKeepalive(7200, null, null);
}
