package org.openwec.app.config;

import org.openwec.core.model.UserError;

/** A configuration problem, named with its file and key so the user can fix it. */
public final class ConfigError extends UserError {
    public ConfigError(String message) {
        super(message);
    }
}
