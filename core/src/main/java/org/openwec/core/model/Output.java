package org.openwec.core.model;

import java.util.Objects;

/** One output of a subscription; a disabled output is kept but not instantiated by the server. */
public record Output(OutputFormat format, OutputDriver driver, boolean enabled) {
    public Output {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(driver, "driver");
    }

    public Output withEnabled(boolean value) {
        return new Output(format, driver, value);
    }
}
