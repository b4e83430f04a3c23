package org.openwec.adapters.testkit.released;

import java.util.Objects;
import org.openwec.core.model.DowngradeLoss;

/**
 * One entry a downgrade plan must report: reverting {@code version} loses (or, when {@code blocking},
 * cannot convert) something of {@code subscription}. The wording of the detail is not compared.
 */
public record ExpectedLoss(long version, String subscription, boolean blocking) {
    public ExpectedLoss {
        Objects.requireNonNull(subscription, "subscription");
    }

    public static ExpectedLoss lossy(long version, String subscription) {
        return new ExpectedLoss(version, subscription, false);
    }

    public static ExpectedLoss blocking(long version, String subscription) {
        return new ExpectedLoss(version, subscription, true);
    }

    public static ExpectedLoss of(DowngradeLoss loss) {
        return new ExpectedLoss(loss.version(), loss.subscription(), loss.blocking());
    }
}
