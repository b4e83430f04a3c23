package org.openwec.adapters.memory;

import org.openwec.adapters.testkit.BookmarkPortContract;
import org.openwec.core.port.out.Storage;

class InMemoryBookmarkPortTest extends BookmarkPortContract {
    @Override
    protected Storage newStorage() {
        return Fresh.migratedStorage();
    }
}
