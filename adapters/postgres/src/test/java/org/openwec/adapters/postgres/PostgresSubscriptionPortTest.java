package org.openwec.adapters.postgres;

import org.openwec.adapters.testkit.SubscriptionPortContract;
import org.openwec.core.port.out.Storage;

class PostgresSubscriptionPortTest extends SubscriptionPortContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.contractStorage("subscription", TestPostgres.Isolation.DEFAULT, TestPostgres.Content.INITIALISED);
    }
}
