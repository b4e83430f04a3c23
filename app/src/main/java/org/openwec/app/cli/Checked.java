package org.openwec.app.cli;

import java.util.function.Supplier;
import org.openwec.core.model.UserError;

/**
 * Model values built from arguments: the model guards its invariants with IllegalArgumentException (a
 * blank name, for one), which is the user's mistake here, to be reported as such.
 */
final class Checked {
    private Checked() {}

    static <T> T value(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + ".", e);
        }
    }
}
