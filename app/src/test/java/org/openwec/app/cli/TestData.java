package org.openwec.app.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openwec.app.CliHarness;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.Storage;

/** Inputs the CLI tests share: queries, subscription files, and direct access to the test database. */
final class TestData {
    static final String SECURITY = query("Security");

    private TestData() {}

    /** A QueryList selecting these channels, one Select each, ending with a newline. */
    static String query(String... channels) {
        return "<QueryList>\n    <Query Id=\"0\">\n"
                + Arrays.stream(channels).map(c -> "        <Select Path=\"" + c + "\">*</Select>\n").collect(Collectors.joining())
                + "    </Query>\n</QueryList>\n";
    }

    /** A query over n distinct channels. */
    static String queryOf(int n) {
        return query(IntStream.range(0, n).mapToObj(i -> "Channel-" + i).toArray(String[]::new));
    }

    /** A minimal subscription file: uuid, name, the Security query, one Files output; {@code extra} is appended. */
    static String toml(String uuid, String name, String extra) {
        return "uuid = \"" + uuid + "\"\nname = " + CliHarness.tomlString(name) + "\nquery = \"\"\"\n" + SECURITY + "\"\"\"\n"
                + "[[outputs]]\ndriver = \"Files\"\nformat = \"Raw\"\nconfig = { path = \"/var/log/{ip}/messages\" }\n" + extra;
    }

    /** The standard test database (the CLI must not be running on it), on the harness's backend. */
    static Storage storage(CliHarness h) {
        return h.storage();
    }

    static Subscription find(CliHarness h, String identifier) {
        try (Storage s = storage(h)) {
            return s.subscriptions().findSubscription(identifier).orElseThrow();
        }
    }

    /** Finds a subscription in a storage opened by the caller, then closes it. */
    static Subscription findIn(Storage storage, String identifier) {
        try (storage) {
            return storage.subscriptions().findSubscription(identifier).orElseThrow();
        }
    }

    static void store(CliHarness h, Subscription... subscriptions) {
        try (Storage s = storage(h)) {
            for (Subscription subscription : subscriptions) {
                s.subscriptions().storeSubscription(subscription);
            }
        }
    }

    static Path write(CliHarness h, String name, String text) {
        return CliHarness.write(h.dir().resolve(name), text);
    }
}
