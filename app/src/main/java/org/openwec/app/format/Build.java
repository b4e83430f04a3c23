package org.openwec.app.format;

import java.util.List;
import java.util.function.Supplier;
import org.openwec.core.model.ClientFilter;
import org.openwec.core.model.ClientFilterFlags;
import org.openwec.core.model.ClientFilterKind;
import org.openwec.core.model.ClientFilterOperation;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.model.UserError;

/**
 * Builds model values from user input: the model's constructors guard their invariants with
 * IllegalArgumentException (a blank name, an invalid glob pattern), which is a user's mistake here.
 */
final class Build {
    private Build() {}

    static SubscriptionParameters parameters(String where, Supplier<SubscriptionParameters> build) {
        return userError(where, build);
    }

    /**
     * The database keeps a filter's targets joined by commas, with no escaping (the reference's format): a
     * target holding a comma would come back as two, so it is refused here rather than silently split.
     */
    static ClientFilter filter(String where, ClientFilterOperation operation, ClientFilterKind kind, ClientFilterFlags flags,
                               List<String> targets) {
        for (String target : targets) {
            if (target.contains(",")) {
                throw new UserError(where + ": the filter target \"" + target + "\" contains a comma, which the database "
                        + "cannot store (targets are stored comma-separated). Split it, or use a glob pattern.");
            }
        }
        return userError(where, () -> ClientFilter.of(operation, kind, flags, targets));
    }

    static String legacyFilesPath(String where, Supplier<String> build) {
        return userError(where, build);
    }

    static <T> T userError(String where, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new UserError(where + ": " + e.getMessage() + ".", e);
        }
    }
}
