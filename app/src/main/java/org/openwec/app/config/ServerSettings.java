package org.openwec.app.config;

/**
 * The {@code [server]} keys the storage core uses, with the reference's defaults (seconds).
 *
 * @param nodeName null when not configured
 */
public record ServerSettings(long dbSyncInterval, long flushHeartbeatsInterval, long heartbeatsQueueSize,
                             String nodeName) {
    public static final ServerSettings DEFAULTS = new ServerSettings(5, 5, 2048, null);
}
