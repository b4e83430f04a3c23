package org.openwec.adapters.memory;

import org.openwec.adapters.testkit.SubscriptionPortContract;
import org.openwec.core.port.out.Storage;

class InMemorySubscriptionPortTest extends SubscriptionPortContract {
    @Override
    protected Storage newStorage() {
        return Fresh.migratedStorage();
    }
}
