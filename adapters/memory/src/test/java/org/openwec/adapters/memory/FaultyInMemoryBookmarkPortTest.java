package org.openwec.adapters.memory;

import org.openwec.adapters.testkit.BookmarkPortContract;
import org.openwec.adapters.testkit.FaultyStorage;
import org.openwec.core.port.out.Storage;

/** The fault decorator with nothing armed keeps the contract of what it wraps. */
class FaultyInMemoryBookmarkPortTest extends BookmarkPortContract {
    @Override
    protected Storage newStorage() {
        return FaultyStorage.wrap(Fresh.migratedStorage()).storage();
    }
}
