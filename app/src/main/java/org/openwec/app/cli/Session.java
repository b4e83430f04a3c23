package org.openwec.app.cli;

import org.openwec.app.config.Settings;
import org.openwec.app.wiring.OpenwecComponent;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.port.out.BookmarkPort;
import org.openwec.core.port.out.HeartbeatPort;
import org.openwec.core.port.out.Storage;
import org.openwec.core.port.out.SubscriptionPort;
import org.openwec.core.service.CheckSchema;
import org.openwec.core.service.MigrateSchema;

/** One command's open database: opened eagerly so that a failure to open never reaches the close. */
final class Session implements AutoCloseable {
    private final Settings settings;
    private final OpenwecComponent component;
    private final Storage storage;

    Session(Settings settings, OpenwecComponent component) {
        this.settings = settings;
        this.component = component;
        this.storage = component.storage();
    }

    Settings settings() {
        return settings;
    }

    Storage storage() {
        return storage;
    }

    SubscriptionPort subscriptions() {
        return storage.subscriptions();
    }

    BookmarkPort bookmarks() {
        return storage.bookmarks();
    }

    HeartbeatPort heartbeats() {
        return storage.heartbeats();
    }

    /**
     * The subscription an identifier names: its exact name first, else its UUID in any letter case or
     * notation (the reference matched the stored upper-case text only, while it prints lower case).
     */
    Subscription subscription(String identifier, String notFound) {
        return subscriptions().findSubscription(identifier).orElseThrow(() -> new UserError(notFound));
    }

    MigrateSchema migrateSchema() {
        return component.migrateSchema();
    }

    CheckSchema checkSchema() {
        return component.checkSchema();
    }

    @Override
    public void close() {
        storage.close();
    }
}
