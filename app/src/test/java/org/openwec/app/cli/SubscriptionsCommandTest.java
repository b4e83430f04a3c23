package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openwec.app.CliHarness;
import org.openwec.app.CliHarness.Result;
import org.openwec.core.model.Subscription;
import org.openwec.core.port.out.Storage;

/** {@code openwec subscriptions}: the reference's listing, on the in-memory storage. */
class SubscriptionsCommandTest {
    private static final String QUERY = "<QueryList><Query Id=\"0\"><Select Path=\"Security\">*</Select></Query></QueryList>";

    @TempDir
    Path dir;

    CliHarness h;

    @BeforeEach
    void setUp() {
        h = CliHarness.inMemory(dir);
        h.init();
    }

    private void store(Subscription... subscriptions) {
        try (Storage storage = TestData.storage(h)) {
            for (Subscription s : subscriptions) {
                storage.subscriptions().storeSubscription(s);
            }
        }
    }

    private void storeThree() {
        store(Subscription.create("gamma", QUERY),
                Subscription.create("alpha", QUERY).withUri("/wec/alpha"),
                Subscription.create("beta", QUERY).withEnabled(false));
    }

    @Test
    void listsEverySubscriptionByName() {
        storeThree();
        Map<String, String> before = h.snapshot();

        Result r = h.cli("subscriptions");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("[+] alpha (/wec/alpha)\n[-] beta (*)\n[+] gamma (*)\n");
        assertThat(r.err()).isEmpty();
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-e", "--enabled"})
    void enabledOnly(String flag) {
        storeThree();

        Result r = h.cli("subscriptions", flag);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("[+] alpha (/wec/alpha)\n[+] gamma (*)\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-d", "--disabled"})
    void disabledOnly(String flag) {
        storeThree();

        Result r = h.cli("subscriptions", flag);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("[-] beta (*)\n");
    }

    @Test
    void anEmptyDatabaseListsNothing() {
        Result r = h.cli("subscriptions");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aDisabledSubscriptionWithAUri() {
        store(Subscription.create("delta", QUERY).withUri("/wec/delta").withEnabled(false));

        Result r = h.cli("subscriptions");

        assertThat(r.out()).isEqualTo("[-] delta (/wec/delta)\n");
    }
}
