package org.openwec.adapters.postgres;

import org.openwec.adapters.testkit.BookmarkPortContract;
import org.openwec.core.port.out.Storage;

class PostgresBookmarkPortTest extends BookmarkPortContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.contractStorage("bookmark", TestPostgres.Isolation.DEFAULT, TestPostgres.Content.INITIALISED);
    }
}
