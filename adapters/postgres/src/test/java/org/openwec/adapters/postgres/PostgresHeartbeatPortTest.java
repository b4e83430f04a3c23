package org.openwec.adapters.postgres;

import org.openwec.adapters.testkit.HeartbeatPortContract;
import org.openwec.core.port.out.Storage;

class PostgresHeartbeatPortTest extends HeartbeatPortContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.contractStorage("heartbeat", TestPostgres.Isolation.DEFAULT, TestPostgres.Content.INITIALISED);
    }
}
