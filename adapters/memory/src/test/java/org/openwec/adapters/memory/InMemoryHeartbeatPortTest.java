package org.openwec.adapters.memory;

import org.openwec.adapters.testkit.HeartbeatPortContract;
import org.openwec.core.port.out.Storage;

class InMemoryHeartbeatPortTest extends HeartbeatPortContract {
    @Override
    protected Storage newStorage() {
        return Fresh.migratedStorage();
    }
}
