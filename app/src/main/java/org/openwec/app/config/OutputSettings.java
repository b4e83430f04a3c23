package org.openwec.app.config;

/**
 * {@code [outputs]} and {@code [outputs.files]}, in seconds, with the reference's defaults. The Kafka options
 * are checked by the loader and not kept: this collector has no Kafka driver.
 */
public record OutputSettings(long garbageCollectInterval, long filesDescriptorCloseTimeout) {
    public static final OutputSettings DEFAULTS = new OutputSettings(600, 600);
}
