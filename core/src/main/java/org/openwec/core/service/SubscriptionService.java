package org.openwec.core.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.model.UserError;
import org.openwec.core.model.Uuids;
import org.openwec.core.port.in.ManageSubscriptions;
import org.openwec.core.port.out.SubscriptionPort;

/**
 * The subscriptions use case on a {@link SubscriptionPort}, with the rules every driver obeys: the read-only
 * policy, "a subscription is enabled only with an output", new and imported subscriptions stored disabled,
 * new internal versions on reload, and several-at-once changes in one transaction.
 */
public final class SubscriptionService implements ManageSubscriptions {
    private final SubscriptionPort subscriptions;
    private final boolean readOnly;
    private final SubscriptionLoad load;

    /**
     * @param readOnly the settings' {@code cli.read_only_subscriptions}: subscriptions come from files only
     */
    public SubscriptionService(SubscriptionPort subscriptions, boolean readOnly) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.readOnly = readOnly;
        this.load = new SubscriptionLoad(subscriptions);
    }

    @Override
    public List<Subscription> subscriptions() {
        return subscriptions.subscriptions();
    }

    @Override
    public Optional<Subscription> find(String identifier) {
        return subscriptions.findSubscription(identifier);
    }

    @Override
    public boolean editable() {
        return !readOnly;
    }

    @Override
    public void requireEditable() {
        if (readOnly) {
            throw new UserError(READ_ONLY);
        }
    }

    @Override
    public Subscription create(SubscriptionParameters parameters, String uri) {
        requireEditable();
        Subscription created = new Subscription(UUID.randomUUID(), UUID.randomUUID(), null, uri, false, parameters,
                null, List.of());
        subscriptions.storeSubscription(created);
        return created;
    }

    @Override
    public Subscription edit(Subscription original, UnaryOperator<Subscription> change, Switch state) {
        requireEditable();
        Subscription edited = operatorValue(() -> change.apply(original));
        edited = switch (state) {
            case KEEP -> edited;
            case ENABLE -> {
                if (!canBeEnabled(edited)) {
                    throw new UserError("Subscription " + ENABLED_NEEDS_AN_OUTPUT);
                }
                yield edited.withEnabled(true);
            }
            case DISABLE -> edited.withEnabled(false);
        };
        if (!edited.equals(original)) {
            subscriptions.storeSubscription(edited);
        }
        return edited;
    }

    @Override
    public Subscription duplicate(Subscription source, String name) {
        requireEditable();
        Subscription copy = operatorValue(() -> source.withNewUuid().withEnabled(false)
                .withParameters(source.parameters().withName(name)));
        subscriptions.storeSubscription(copy);
        return copy;
    }

    @Override
    public void delete(Subscription subscription) {
        requireEditable();
        subscriptions.deleteSubscription(subscription.uuid());
    }

    @Override
    public SwitchPlan planSwitch(List<Subscription> targets, boolean enable) {
        List<Subscription> switched = new ArrayList<>();
        List<Subscription> skipped = new ArrayList<>();
        for (Subscription s : targets) {
            if (enable && !canBeEnabled(s)) {
                skipped.add(s);
            } else {
                switched.add(s.withEnabled(enable));
            }
        }
        return new SwitchPlan(enable, switched, skipped);
    }

    @Override
    public List<Subscription> applySwitch(SwitchPlan plan) {
        requireEditable();
        if (plan.switched().isEmpty()) {
            throw new UserError("Nothing to store, check previous warnings" + (plan.skipped().isEmpty() ? "."
                    : ": " + String.join(", ", plan.skipped().stream().map(Subscription::name).toList())
                    + " have no outputs."));
        }
        subscriptions.storeSubscriptions(plan.switched(), List.of());
        return plan.switched();
    }

    @Override
    public List<Subscription> importSubscriptions(List<Subscription> imported, String source) {
        requireEditable();
        Set<UUID> seen = new HashSet<>();
        for (Subscription s : imported) {
            if (!seen.add(s.uuid())) {
                throw new UserError(source + " holds subscription " + Uuids.lowerCase(s.uuid())
                        + " twice: keep one of them. Nothing was imported.");
            }
        }
        // Imported subscriptions are disabled: they are enabled one by one, once their outputs are checked here.
        List<Subscription> disabled = imported.stream().map(s -> s.withEnabled(false)).toList();
        subscriptions.storeSubscriptions(disabled, List.of());
        return disabled;
    }

    @Override
    public List<Subscription> reload(List<Subscription> targets) {
        List<Subscription> reloaded = targets.stream().map(Subscription::withNewInternalVersion).toList();
        if (!reloaded.isEmpty()) {
            subscriptions.storeSubscriptions(reloaded, List.of());
        }
        return reloaded;
    }

    @Override
    public LoadPlan planLoad(List<Subscription> fromFiles, boolean keep) {
        return load.plan(fromFiles, keep);
    }

    @Override
    public void applyLoad(LoadPlan plan) {
        load.execute(plan);
    }

    /** The reference's rule (OpenWEC cli/src/subscriptions.rs at a41b95f): enabling needs at least one output. */
    private static boolean canBeEnabled(Subscription s) {
        return !s.outputs().isEmpty();
    }

    /** The model guards its invariants (a blank name, for one); here the operator gave the value. */
    private static Subscription operatorValue(Supplier<Subscription> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + ".", e);
        }
    }
}
