package org.openwec.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.in.ManageSubscriptions;
import org.openwec.core.port.in.ManageSubscriptions.Switch;
import org.openwec.core.port.in.ManageSubscriptions.SwitchPlan;
import org.openwec.core.port.out.Storage;

/** The rules of the subscriptions use case, which every driver obeys, on the in-memory storage. */
class SubscriptionServiceTest {
    private static final List<Output> FILES = List.of(new Output(OutputFormat.Raw, new OutputDriver.Files("/x/{ip}"), true));

    private final Storage storage = MemoryStorages.migrated("in-memory database");
    private final ManageSubscriptions subscriptions = new SubscriptionService(storage.subscriptions(), false);
    private final ManageSubscriptions readOnly = new SubscriptionService(storage.subscriptions(), true);

    private Subscription stored(Subscription s) {
        storage.subscriptions().storeSubscription(s);
        return s;
    }

    private List<Subscription> all() {
        return storage.subscriptions().subscriptions();
    }

    @Test
    void aNewSubscriptionIsStoredDisabledWithoutOutputsUnderFreshIdentities() {
        Subscription created = subscriptions.create(SubscriptionParameters.defaults("security", "<QueryList/>"), "/sec");

        assertThat(all()).containsExactly(created);
        assertThat(created.enabled()).isFalse();
        assertThat(created.outputs()).isEmpty();
        assertThat(created.uri()).isEqualTo("/sec");
        assertThat(created.clientFilter()).isNull();
        assertThatThrownBy(() -> subscriptions.create(SubscriptionParameters.defaults("security", "<QueryList/>"), null))
                .isInstanceOf(UserError.class).hasMessageContaining("already named");
    }

    @Test
    void aSubscriptionIsFoundByNameThenByUuidInAnyNotation() {
        Subscription s = stored(Subscription.create("security", "q"));

        for (String id : List.of("security", Uuids.lowerCase(s.uuid()), s.storedKey(), "{" + s.uuid() + "}")) {
            assertThat(subscriptions.find(id)).as(id).contains(s);
        }
        assertThat(subscriptions.find("nope")).isEmpty();
    }

    // ------------------------------------------------------------------ read-only mode

    @Test
    void readOnlyModeRefusesEveryChangeButReloadAndLoadAndChangesNothing() {
        Subscription s = stored(Subscription.create("security", "q").withOutputs(FILES).withEnabled(false));
        List<Subscription> before = all();

        assertThat(readOnly.editable()).isFalse();
        assertThat(subscriptions.editable()).isTrue();
        assertThatCode(subscriptions::requireEditable).doesNotThrowAnyException();
        for (Runnable change : List.<Runnable>of(
                readOnly::requireEditable,
                () -> readOnly.create(SubscriptionParameters.defaults("x", "q"), null),
                () -> readOnly.edit(s, x -> x.withUri("/x"), Switch.KEEP),
                () -> readOnly.duplicate(s, "copy"),
                () -> readOnly.delete(s),
                () -> readOnly.applySwitch(readOnly.planSwitch(List.of(s), true)),
                () -> readOnly.importSubscriptions(List.of(Subscription.create("imported", "q")), "file.json"))) {
            assertThatThrownBy(change::run).isInstanceOf(UserError.class).hasMessage(ManageSubscriptions.READ_ONLY);
        }
        assertThat(all()).isEqualTo(before);

        assertThat(readOnly.reload(List.of(s))).hasSize(1);
        readOnly.applyLoad(readOnly.planLoad(List.of(Subscription.create("loaded", "q")), true));
        assertThat(all()).extracting(Subscription::name).containsExactly("loaded", "security");
    }

    @Test
    void theRefusalIsTheReferencesSentence() {
        assertThat(ManageSubscriptions.READ_ONLY).isEqualTo("Subscriptions can only be edited using `openwec subscriptions "
                + "load` because `cli.read_only_subscriptions` is set in settings.");
    }

    // ------------------------------------------------------------------ edit

    @Test
    void enablingNeedsAnOutputAndNothingIsStoredWhenRefused() {
        Subscription s = stored(Subscription.create("security", "q").withEnabled(false));

        assertThatThrownBy(() -> subscriptions.edit(s, x -> x.withUri("/x"), Switch.ENABLE))
                .isInstanceOf(UserError.class)
                .hasMessage("Subscription must have at least one outputs configured to be enabled");
        assertThat(all()).containsExactly(s);

        Subscription enabled = subscriptions.edit(s, x -> x.withOutputs(FILES), Switch.ENABLE);
        assertThat(enabled.enabled()).as("the change's outputs count").isTrue();
        assertThat(all()).containsExactly(enabled);
        Subscription disabled = subscriptions.edit(enabled, UnaryOperator.identity(), Switch.DISABLE);
        assertThat(all()).containsExactly(disabled);
        assertThat(disabled.enabled()).isFalse();
    }

    @Test
    void anEditThatChangesNothingWritesNothingAndKeepsTheInternalVersion() {
        Subscription s = stored(Subscription.create("security", "q"));

        assertThat(subscriptions.edit(s, UnaryOperator.identity(), Switch.KEEP)).isEqualTo(s);
        assertThat(all()).containsExactly(s);
    }

    @Test
    void aValueTheModelRefusesIsTheOperatorsMistake() {
        Subscription s = stored(Subscription.create("security", "q"));

        assertThatThrownBy(() -> subscriptions.edit(s, x -> x.withParameters(x.parameters().withName(" ")), Switch.KEEP))
                .isInstanceOf(UserError.class).hasMessageEndingWith(".");
        assertThatThrownBy(() -> subscriptions.duplicate(s, ""))
                .isInstanceOf(UserError.class).hasMessageEndingWith(".");
        assertThat(all()).containsExactly(s);
    }

    @Test
    void aDuplicateIsADisabledCopyUnderANewUuid() {
        Subscription source = stored(Subscription.create("security", "q").withOutputs(FILES).withRevision("r1"));

        Subscription copy = subscriptions.duplicate(source, "security-test");

        assertThat(copy.uuid()).isNotEqualTo(source.uuid());
        assertThat(copy.enabled()).isFalse();
        assertThat(copy.name()).isEqualTo("security-test");
        assertThat(copy.outputs()).isEqualTo(source.outputs());
        assertThat(copy.revision()).isEqualTo("r1");
        assertThat(all()).containsExactly(source, copy);
    }

    @Test
    void deleteRemovesTheSubscriptionWithItsBookmarks() {
        Subscription s = stored(Subscription.create("security", "q"));
        storage.bookmarks().storeBookmark("m", s.uuid(), "<b/>");

        subscriptions.delete(s);

        assertThat(all()).isEmpty();
        assertThat(storage.bookmarks().bookmarks(s.uuid())).isEmpty();
    }

    // ------------------------------------------------------------------ enable, disable

    @Test
    void enablingSeveralSkipsThoseWithoutOutputsAndStoresTheOthersTogether() {
        Subscription with = stored(Subscription.create("with", "q").withOutputs(FILES).withEnabled(false));
        Subscription without = stored(Subscription.create("without", "q").withEnabled(false));

        SwitchPlan plan = subscriptions.planSwitch(List.of(with, without), true);
        assertThat(plan.skipped()).containsExactly(without);
        assertThat(plan.switched()).extracting(Subscription::uuid).containsExactly(with.uuid());
        assertThat(all()).containsExactly(with, without);

        List<Subscription> switched = subscriptions.applySwitch(plan);
        assertThat(switched).allMatch(Subscription::enabled);
        assertThat(all()).containsExactly(switched.get(0), without);
    }

    @Test
    void whenEverySubscriptionIsSkippedNothingIsStoredAndTheErrorNamesThem() {
        Subscription a = stored(Subscription.create("a", "q").withEnabled(false));
        Subscription b = stored(Subscription.create("b", "q").withEnabled(false));

        assertThatThrownBy(() -> subscriptions.applySwitch(subscriptions.planSwitch(List.of(a, b), true)))
                .isInstanceOf(UserError.class)
                .hasMessage("Nothing to store, check previous warnings: a, b have no outputs.");
        assertThatThrownBy(() -> subscriptions.applySwitch(subscriptions.planSwitch(List.of(), false)))
                .isInstanceOf(UserError.class)
                .hasMessage("Nothing to store, check previous warnings.");
        assertThat(all()).containsExactly(a, b);
    }

    @Test
    void disablingNeedsNoOutput() {
        Subscription s = stored(Subscription.create("s", "q"));

        assertThat(subscriptions.applySwitch(subscriptions.planSwitch(List.of(s), false)))
                .singleElement().satisfies(x -> assertThat(x.enabled()).isFalse());
    }

    // ------------------------------------------------------------------ import, reload

    @Test
    void importedSubscriptionsAreStoredDisabledAndOverwriteTheSameUuidInPlace() {
        Subscription existing = stored(Subscription.create("old-name", "q"));
        storage.bookmarks().storeBookmark("m", existing.uuid(), "<b/>");
        Subscription again = existing.withParameters(existing.parameters().withName("new-name")).withEnabled(true);
        Subscription other = Subscription.create("other", "q").withOutputs(FILES);

        List<Subscription> imported = subscriptions.importSubscriptions(List.of(again, other), "file.json");

        assertThat(imported).noneMatch(Subscription::enabled);
        assertThat(all()).extracting(Subscription::name).containsExactly("new-name", "other");
        assertThat(all()).noneMatch(Subscription::enabled);
        assertThat(storage.bookmarks().bookmarks(existing.uuid())).hasSize(1);
    }

    @Test
    void anImportHoldingAUuidTwiceIsRefusedWhole() {
        Subscription s = Subscription.create("a", "q");

        assertThatThrownBy(() -> subscriptions.importSubscriptions(List.of(Subscription.create("first", "q"), s,
                s.withParameters(s.parameters().withName("b"))), "file.json"))
                .isInstanceOf(UserError.class)
                .hasMessage("file.json holds subscription " + Uuids.lowerCase(s.uuid())
                        + " twice: keep one of them. Nothing was imported.");
        assertThat(all()).isEmpty();
    }

    @Test
    void aReloadGivesNewInternalVersionsAndChangesNothingElse() {
        Subscription a = stored(Subscription.create("a", "q"));
        Subscription b = stored(Subscription.create("b", "q"));

        List<Subscription> reloaded = subscriptions.reload(List.of(a, b));

        assertThat(reloaded).extracting(Subscription::internalVersion).doesNotContain(a.internalVersion(), b.internalVersion());
        assertThat(all()).isEqualTo(reloaded);
        assertThat(reloaded.get(0).withNewInternalVersion()).usingRecursiveComparison().ignoringFields("internalVersion")
                .isEqualTo(a);
        assertThat(subscriptions.reload(List.of())).isEmpty();
    }
}
