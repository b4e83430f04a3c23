package org.openwec.adapters.memory;

import org.openwec.adapters.testkit.SubscriptionPortContract;
import org.openwec.adapters.testkit.FaultyStorage;
import org.openwec.core.port.out.Storage;

/** The fault decorator with nothing armed keeps the contract of what it wraps. */
class FaultyInMemorySubscriptionPortTest extends SubscriptionPortContract {
    @Override
    protected Storage newStorage() {
        return FaultyStorage.wrap(Fresh.migratedStorage()).storage();
    }
}
