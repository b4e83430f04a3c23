package org.openwec.adapters.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwec.adapters.testkit.SubscriptionTestData.filter;
import static org.openwec.adapters.testkit.SubscriptionTestData.subscription;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openwec.core.model.ClientFilter;
import org.openwec.core.model.ClientFilterFlags;
import org.openwec.core.model.ClientFilterKind;
import org.openwec.core.model.ClientFilterOperation;
import org.openwec.core.model.ContentFormat;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import org.openwec.core.port.out.Storage;
import org.openwec.core.port.out.SubscriptionPort;

/**
 * What every {@link SubscriptionPort} does: the reference's test_subscriptions (docs/reference/reference-tests.md §2),
 * split into one test per step group, plus lossless round trips, uniqueness and identifier lookup.
 * A round trip must return an object equal in every field, the internal version included.
 */
public abstract class SubscriptionPortContract {

    /** A fresh database with the whole schema applied; the test closes it. */
    protected abstract Storage newStorage();

    private Storage storage;
    private SubscriptionPort port;

    @BeforeEach
    void openStorage() {
        storage = newStorage();
        port = storage.subscriptions();
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    private Subscription stored(Subscription subscription) {
        port.storeSubscription(subscription);
        return subscription;
    }

    private Subscription find(String identifier) {
        return port.findSubscription(identifier).orElseThrow(() -> new AssertionError("not found: " + identifier));
    }

    // docs/reference/reference-tests.md §2: test_subscriptions

    @Test
    @DisplayName("2#1 a new database has no subscription")
    void newDatabaseHasNoSubscription() {
        assertThat(port.subscriptions()).isEmpty();
    }

    @Test
    @DisplayName("2#2 an unknown identifier finds nothing")
    void unknownIdentifierFindsNothing() {
        assertThat(port.findSubscription("toto")).isEmpty();
    }

    @Test
    @DisplayName("2#3-5 a subscription with defaults, a uri and enabled=false reads back as stored")
    void storesSubscriptionWithDefaults() {
        Subscription s1 = stored(subscription("toto").withUri("/test/1").withEnabled(false));

        List<Subscription> all = port.subscriptions();
        assertThat(all).hasSize(1);
        Subscription t = all.get(0);
        assertThat(t).isEqualTo(s1);
        assertThat(t.name()).isEqualTo("toto");
        assertThat(t.uri()).isEqualTo("/test/1");
        assertThat(t.parameters().query()).isEqualTo("query");
        assertThat(t.enabled()).isFalse();
        assertThat(t.parameters().readExistingEvents()).isFalse();
        assertThat(t.parameters().contentFormat()).isEqualTo(ContentFormat.Raw);
        assertThat(t.parameters().ignoreChannelError()).isTrue();
        assertThat(t.clientFilter()).isNull();
        assertThat(t.isActive()).isFalse();
        assertThat(t.isActiveFor("couscous", null)).isFalse();
        assertThat(t.revision()).isNull();
        assertThat(t.parameters().dataLocale()).isNull();
        assertThat(t.parameters().locale()).isNull();
        assertThat(t.parameters().maxElements()).isNull();
    }

    @Test
    @DisplayName("2#6-7 a subscription is found by its name and by its UUID")
    void findsByNameAndByUuid() {
        Subscription s1 = stored(subscription("toto").withUri("/test/1").withEnabled(false));
        Subscription t = port.subscriptions().get(0);

        assertThat(find("toto")).isEqualTo(t);
        assertThat(find(s1.storedKey())).isEqualTo(t);
    }

    @Test
    @DisplayName("2#8-10 every optional field, the filter and the outputs in order read back")
    void storesOptionalFieldsFilterAndOutputs() {
        stored(subscription("toto").withUri("/test/1").withEnabled(false));
        Subscription s2 = stored(SubscriptionTestData.tata());

        assertThat(port.subscriptions()).hasSize(2);
        Subscription a = find("tata");
        assertThat(a).isEqualTo(s2);
        assertThat(a.name()).isEqualTo("tata");
        assertThat(a.uri()).isNull();
        assertThat(a.parameters().query()).isEqualTo("query2");
        assertThat(a.enabled()).isTrue();
        assertThat(a.parameters().readExistingEvents()).isTrue();
        assertThat(a.parameters().contentFormat()).isEqualTo(ContentFormat.RenderedText);
        assertThat(a.parameters().ignoreChannelError()).isFalse();
        assertThat(a.clientFilter().operation()).isEqualTo(ClientFilterOperation.Only);
        assertThat(a.clientFilter().targets()).containsExactlyInAnyOrder("couscous", "boulette");
        assertThat(a.clientFilter().kind()).isEqualTo(ClientFilterKind.Client);
        assertThat(a.clientFilter().flags()).isEqualTo(ClientFilterFlags.NONE);
        assertThat(a.outputs()).containsExactlyElementsOf(SubscriptionTestData.tataOutputs());
        assertThat(a.isActive()).isTrue();
        assertThat(a.isActiveFor("couscous", null)).isTrue();
        assertThat(a.isActiveFor("Couscous", null)).isFalse();
        assertThat(a.isActiveFor("semoule", null)).isFalse();
        assertThat(a.revision()).isEqualTo("1472");
        assertThat(a.parameters().locale()).isEqualTo("fr-FR");
        assertThat(a.parameters().dataLocale()).isEqualTo("en-US");
        assertThat(a.parameters().maxElements()).isEqualTo(10L);
    }

    @Test
    @DisplayName("2#11-14 storing again under the same UUID overwrites every field")
    void storingUnderSameUuidOverwrites() {
        stored(subscription("toto"));
        Subscription a0 = stored(SubscriptionTestData.tata());
        Subscription a = find("tata");

        Subscription modified = a
                .withParameters(a.parameters()
                        .withName("titi")
                        .withMaxTime(25000)
                        .withHeartbeatInterval(1234)
                        .withConnectionRetryCount(3)
                        .withConnectionRetryInterval(54321)
                        .withMaxEnvelopeSize(7777)
                        .withReadExistingEvents(false)
                        .withContentFormat(ContentFormat.Raw)
                        .withIgnoreChannelError(true)
                        .withDataLocale("fr-FR"))
                .withRevision("1890")
                .withClientFilter(filter(ClientFilterOperation.Only, ClientFilterKind.Client, ClientFilterFlags.NONE,
                        "couscous", "boulette", "semoule"));
        port.storeSubscription(modified);

        assertThat(port.subscriptions()).hasSize(2);
        Subscription b = find(a.storedKey());
        assertThat(b).isEqualTo(modified);
        assertThat(b.name()).isEqualTo("titi");
        assertThat(b.parameters().maxTime()).isEqualTo(25000);
        assertThat(b.parameters().heartbeatInterval()).isEqualTo(1234);
        assertThat(b.parameters().connectionRetryCount()).isEqualTo(3);
        assertThat(b.parameters().connectionRetryInterval()).isEqualTo(54321);
        assertThat(b.parameters().maxEnvelopeSize()).isEqualTo(7777);
        assertThat(b.parameters().readExistingEvents()).isFalse();
        assertThat(b.parameters().contentFormat()).isEqualTo(ContentFormat.Raw);
        assertThat(b.parameters().ignoreChannelError()).isTrue();
        assertThat(b.clientFilter().operation()).isEqualTo(ClientFilterOperation.Only);
        assertThat(b.clientFilter().targets()).containsExactlyInAnyOrder("couscous", "boulette", "semoule");
        assertThat(b.isActiveFor("couscous", null)).isTrue();
        assertThat(b.isActiveFor("semoule", null)).isTrue();
        assertThat(b.revision()).isEqualTo("1890");
        assertThat(b.parameters().locale()).isEqualTo("fr-FR");
        assertThat(b.parameters().dataLocale()).isEqualTo("fr-FR");
        assertThat(b.internalVersion()).isNotEqualTo(a0.internalVersion());
        assertThat(port.findSubscription("tata")).isEmpty();
        // 2#14
        assertThat(b.publicVersion()).isNotEqualTo(a0.publicVersion());
    }

    @Test
    @DisplayName("2#15-16 an Except/MachineID/CaseInsensitive filter reads back and filters as the reference")
    void exceptMachineIdCaseInsensitiveFilter() {
        Subscription b = stored(SubscriptionTestData.tata());
        port.storeSubscription(b.withClientFilter(filter(ClientFilterOperation.Except, ClientFilterKind.MachineID,
                new ClientFilterFlags(true, false), "boulette", "semoule")));

        Subscription c = find(b.storedKey());
        assertThat(c.clientFilter().operation()).isEqualTo(ClientFilterOperation.Except);
        assertThat(c.clientFilter().kind()).isEqualTo(ClientFilterKind.MachineID);
        assertThat(c.clientFilter().flags()).isEqualTo(new ClientFilterFlags(true, false));
        assertThat(c.clientFilter().targets()).containsExactlyInAnyOrder("boulette", "semoule");
        assertThat(c.isActiveFor("couscous", null)).isTrue();
        assertThat(c.isActiveFor("semoule", null)).isTrue();
        assertThat(c.isActiveFor("boulette", null)).isTrue();
        assertThat(c.isActiveFor("couscous", "couscous")).isTrue();
        assertThat(c.isActiveFor("semoule", "semoule")).isFalse();
        assertThat(c.isActiveFor("babar", "SEmOuLe")).isFalse();
        assertThat(c.isActiveFor("boul", "BOUlette")).isFalse();
        assertThat(c.isActiveFor("boulette", "notboulette")).isTrue();
    }

    @Test
    @DisplayName("2#17 removing the filter reads back as no filter")
    void removingFilter() {
        Subscription c = stored(SubscriptionTestData.tata());
        Subscription withoutFilter = c.withClientFilter(null);
        port.storeSubscription(withoutFilter);

        Subscription d = find(c.storedKey());
        assertThat(d).isEqualTo(withoutFilter);
        assertThat(d.clientFilter()).isNull();
        assertThat(d.isActiveFor("couscous", null)).isTrue();
        assertThat(d.isActiveFor("semoule", null)).isTrue();
        assertThat(d.isActiveFor("boulette", null)).isTrue();
    }

    @Test
    @DisplayName("2#18-19 deleting removes only that subscription")
    void deleteRemovesOnlyThatSubscription() {
        Subscription s1 = stored(subscription("toto"));
        Subscription a = stored(SubscriptionTestData.tata());

        port.deleteSubscription(s1.uuid());
        assertThat(port.findSubscription(s1.storedKey())).isEmpty();
        assertThat(port.subscriptions()).extracting(Subscription::uuid).containsExactly(a.uuid());

        port.deleteSubscription(a.uuid());
        assertThat(port.subscriptions()).isEmpty();
    }

    // Round trips (docs/reference/reference-tests.md §9 item 4)

    @Test
    void subscriptionWithEveryFieldSetRoundTrips() {
        Subscription full = stored(SubscriptionTestData.fullyPopulated("windows-security"));

        assertThat(find("windows-security")).isEqualTo(full);
        assertThat(find("windows-security").internalVersion()).isEqualTo(full.internalVersion());
        assertThat(find("windows-security").outputs()).containsExactlyElementsOf(full.outputs());
        assertThat(port.subscriptions()).containsExactly(full);
    }

    @Test
    void outputsOfEveryDriverAndFormatRoundTripInOrder() {
        List<Output> outputs = SubscriptionTestData.outputsWithEveryDriver();
        assertThat(outputs).extracting(o -> o.driver().storedName())
                .contains("Files", "Kafka", "Tcp", "Redis", "UnixDatagram");
        assertThat(outputs).extracting(Output::format).contains(OutputFormat.values());

        Subscription s = stored(subscription("outputs").withOutputs(outputs));

        assertThat(find("outputs").outputs()).containsExactlyElementsOf(outputs);
        assertThat(find("outputs")).isEqualTo(s);
    }

    @Test
    void outputTextIsKeptExactly() {
        List<Output> outputs = List.of(
                new Output(OutputFormat.Raw, new OutputDriver.Files("/var/log/\"quoted\"/\\back\\/é/\n\t/{ip}"), true),
                new Output(OutputFormat.Json, new OutputDriver.Kafka("t", java.util.Map.of()), true));
        Subscription s = stored(subscription("outputs").withOutputs(outputs));

        assertThat(find("outputs")).isEqualTo(s);
    }

    static Stream<ClientFilter> everyFilterCombination() {
        return SubscriptionTestData.everyFilterCombination().stream();
    }

    @ParameterizedTest
    @MethodSource("everyFilterCombination")
    void everyFilterCombinationRoundTrips(ClientFilter filter) {
        Subscription s = stored(SubscriptionTestData.fullyPopulated("filtered", filter));

        Subscription read = find("filtered");
        assertThat(read).isEqualTo(s);
        assertThat(read.clientFilter().operation()).isEqualTo(filter.operation());
        assertThat(read.clientFilter().kind()).isEqualTo(filter.kind());
        assertThat(read.clientFilter().flags()).isEqualTo(filter.flags());
        assertThat(read.clientFilter().targets()).containsExactlyInAnyOrderElementsOf(filter.targets());
    }

    @Test
    void aSubscriptionReadAndStoredUnchangedKeepsItsInternalVersion() {
        Subscription s = stored(SubscriptionTestData.fullyPopulated("same"));
        port.storeSubscription(find("same"));

        assertThat(find("same").internalVersion()).isEqualTo(s.internalVersion());
    }

    @Test
    void numericParametersRoundTripAtTheirLimits() {
        Subscription s = subscription("limits");
        s = stored(s.withParameters(s.parameters()
                .withHeartbeatInterval(2_147_483_647L)
                .withConnectionRetryCount(0)
                .withConnectionRetryInterval(0)
                .withMaxTime(0)
                .withMaxElements(0L)
                .withMaxEnvelopeSize(1)));

        assertThat(find("limits")).isEqualTo(s);
    }

    @Test
    void textFieldsAreKeptByteForByte() {
        Subscription s = subscription("na'me; \"quoted\" — ünï");
        s = stored(s.withParameters(s.parameters()
                        .withQuery("<QueryList>\r\n  <Query Id=\"0\">'; DROP TABLE subscriptions; --</Query>\n</QueryList>\n")
                        .withLocale("zh-Hant-TW"))
                .withUri("/tést/1?a=b;c")
                .withRevision("rev 1\nline 2"));

        assertThat(find("na'me; \"quoted\" — ünï")).isEqualTo(s);
    }

    // Uniqueness and errors a user can act on

    @Test
    void storingANameUsedByAnotherSubscriptionIsAUserError() {
        Subscription first = stored(subscription("toto"));
        Subscription other = subscription("toto");

        assertThatThrownBy(() -> port.storeSubscription(other)).isInstanceOf(UserError.class);
        assertThat(port.subscriptions()).containsExactly(first);
    }

    @Test
    void renamingOntoAnotherSubscriptionsNameIsAUserError() {
        Subscription toto = stored(subscription("toto"));
        Subscription titi = stored(subscription("titi"));

        assertThatThrownBy(() -> port.storeSubscription(titi.withParameters(titi.parameters().withName("toto"))))
                .isInstanceOf(UserError.class);
        assertThat(port.subscriptions()).containsExactly(titi, toto);
    }

    @Test
    void storingAnInternalVersionUsedByAnotherSubscriptionFails() {
        Subscription first = stored(subscription("toto"));
        Subscription clash = new Subscription(UUID.randomUUID(), first.internalVersion(), null, null, true,
                first.parameters().withName("other"), null, List.of());

        assertThatThrownBy(() -> port.storeSubscription(clash)).isInstanceOf(RuntimeException.class);
        assertThat(port.subscriptions()).containsExactly(first);
    }

    @Test
    void deletingAnUnknownSubscriptionIsAUserError() {
        Subscription kept = stored(subscription("toto"));

        assertThatThrownBy(() -> port.deleteSubscription(UUID.randomUUID())).isInstanceOf(UserError.class);
        assertThat(port.subscriptions()).containsExactly(kept);
    }

    @Test
    void deletingTwiceIsAUserError() {
        Subscription s = stored(subscription("toto"));
        port.deleteSubscription(s.uuid());

        assertThatThrownBy(() -> port.deleteSubscription(s.uuid())).isInstanceOf(UserError.class);
    }

    // Ordering promised by the port

    @Test
    void subscriptionsAreOrderedByName() {
        // Lower-case ASCII letters only: every collation (C, ICU, glibc locales) orders them alike.
        for (String name : List.of("m", "zulu", "alpha", "bravo", "alphabet")) {
            stored(subscription(name));
        }

        assertThat(port.subscriptions()).extracting(Subscription::name)
                .containsExactly("alpha", "alphabet", "bravo", "m", "zulu");
    }

    // Identifier lookup (docs/reference/reference-tests.md §9 item 8)

    @Test
    void lookupByNameIsExactAndCaseSensitive() {
        stored(subscription("toto"));

        assertThat(port.findSubscription("TOTO")).isEmpty();
        assertThat(port.findSubscription("tot")).isEmpty();
        assertThat(port.findSubscription(" toto")).isEmpty();
    }

    @Test
    void lookupByUuidAcceptsAnyCaseAndNotation() {
        Subscription s = stored(subscription("toto"));
        String lower = s.uuid().toString();
        String simple = lower.replace("-", "");

        assertThat(find(s.storedKey())).isEqualTo(s);
        assertThat(find(lower)).isEqualTo(s);
        assertThat(find("{" + lower + "}")).isEqualTo(s);
        assertThat(find("{" + s.storedKey() + "}")).isEqualTo(s);
        assertThat(find(simple)).isEqualTo(s);
        assertThat(find(simple.toUpperCase(Locale.ROOT))).isEqualTo(s);
        assertThat(find("urn:uuid:" + lower)).isEqualTo(s);
    }

    @Test
    void lookupOfAnUnknownUuidOrNonUuidFindsNothing() {
        stored(subscription("toto"));

        assertThat(port.findSubscription(UUID.randomUUID().toString())).isEmpty();
        assertThat(port.findSubscription("not-a-uuid")).isEmpty();
        assertThat(port.findSubscription("")).isEmpty();
    }

    @Test
    void lookupByInternalVersionFindsNothing() {
        Subscription s = stored(subscription("toto"));

        assertThat(port.findSubscription(s.internalVersion().toString())).isEmpty();
    }

    @Test
    void aNameEqualToAnotherSubscriptionsUuidWinsOverThatUuid() {
        Subscription target = stored(subscription("target"));
        Subscription upperNamed = stored(subscription(target.storedKey()));

        assertThat(find(target.storedKey())).isEqualTo(upperNamed);
        assertThat(find(target.uuid().toString())).isEqualTo(target);
    }

    @Test
    void aLowerCaseUuidNameWinsOverThatUuidOnlyForThatExactText() {
        Subscription target = stored(subscription("target"));
        Subscription lowerNamed = stored(subscription(target.uuid().toString()));

        assertThat(find(target.uuid().toString())).isEqualTo(lowerNamed);
        assertThat(find(target.storedKey())).isEqualTo(target);
    }

    @Test
    void aSubscriptionMayBeNamedAfterItsOwnUuid() {
        Subscription s = subscription("placeholder");
        s = stored(s.withParameters(s.parameters().withName(s.storedKey())));

        assertThat(find(s.storedKey())).isEqualTo(s);
        assertThat(find(s.uuid().toString())).isEqualTo(s);
    }

    // Several subscriptions in one transaction (load, import, enable --all)

    @Test
    @DisplayName("stores and deletes in one transaction")
    void storesAndDeletesTogether() {
        Subscription kept = stored(Subscription.create("kept", "q"));
        Subscription gone = stored(Subscription.create("gone", "q"));
        Subscription fresh = Subscription.create("fresh", "q");
        Subscription renamed = kept.withParameters(kept.parameters().withName("renamed"));

        port.storeSubscriptions(List.of(fresh, renamed), List.of(gone.uuid()));

        assertThat(port.subscriptions()).extracting(Subscription::name).containsExactly("fresh", "renamed");
    }

    @Test
    @DisplayName("a failing change leaves every subscription as it was")
    void failingChangeChangesNothing() {
        Subscription a = stored(Subscription.create("a", "q"));
        Subscription b = stored(Subscription.create("b", "q"));

        assertThatThrownBy(() -> port.storeSubscriptions(
                List.of(Subscription.create("c", "q"), a.withParameters(a.parameters().withName("b"))), List.of()))
                .isInstanceOf(UserError.class);
        assertThatThrownBy(() -> port.storeSubscriptions(List.of(Subscription.create("d", "q")),
                List.of(b.uuid(), UUID.randomUUID())))
                .isInstanceOf(UserError.class);

        assertThat(port.subscriptions()).containsExactly(a, b);
    }
}
