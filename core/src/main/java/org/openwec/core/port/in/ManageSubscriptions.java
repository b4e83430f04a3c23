package org.openwec.core.port.in;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;

/**
 * What an operator does with subscriptions: list and find them; create, edit, duplicate and delete them one by
 * one; switch several on or off; import them; make the collectors reload them; make the database hold those of
 * configuration files. Every change that writes several subscriptions is one transaction: all of it or nothing.
 *
 * <p>When the settings say that subscriptions come from configuration files only
 * ({@code cli.read_only_subscriptions}), every change but {@link #reload} and the load is refused with
 * {@link #READ_ONLY}.
 */
public interface ManageSubscriptions {
    /** The reference's text: scripts and documentation quote it. */
    String READ_ONLY = "Subscriptions can only be edited using `openwec subscriptions load` because "
            + "`cli.read_only_subscriptions` is set in settings.";

    /** The reference's text, for enabling a subscription that has no output. */
    String ENABLED_NEEDS_AN_OUTPUT = "must have at least one outputs configured to be enabled";

    /** Every subscription, ordered by name. */
    List<Subscription> subscriptions();

    /**
     * The subscription an identifier names: its exact name first, else its UUID in any letter case or notation
     * (the reference matched the stored upper-case text only, while it prints lower case).
     */
    Optional<Subscription> find(String identifier);

    /** False when subscriptions may only be changed by loading configuration files. */
    boolean editable();

    /**
     * Lets a driver refuse before it asks the operator anything; every change method checks it again.
     *
     * @throws org.openwec.core.model.UserError {@link #READ_ONLY} when not {@link #editable()}
     */
    void requireEditable();

    /**
     * Stores a new subscription, disabled and without outputs, under fresh identities.
     *
     * @param uri null to offer it on every URI
     * @throws org.openwec.core.model.UserError when read-only or when the name is taken
     */
    Subscription create(SubscriptionParameters parameters, String uri);

    /** What an edit does with the enabled flag, applied after the rest of the change. */
    enum Switch { KEEP, ENABLE, DISABLE }

    /**
     * Applies {@code change} to a subscription, then {@code state}, and stores the result unless it equals
     * the original (a run that changes nothing writes nothing, and keeps the internal version collectors hold).
     *
     * @param change may ask the operator (it runs in the caller's thread); an IllegalArgumentException it
     *               throws (a value the model refuses) is the operator's mistake and becomes a UserError
     * @return the subscription as stored
     * @throws org.openwec.core.model.UserError when read-only, when {@link Switch#ENABLE} is asked for a
     *         subscription without outputs ({@link #ENABLED_NEEDS_AN_OUTPUT}), or when the result cannot be stored
     */
    Subscription edit(Subscription original, UnaryOperator<Subscription> change, Switch state);

    /** A disabled copy of {@code source} under a new UUID and {@code name}, without bookmarks or heartbeats. */
    Subscription duplicate(Subscription source, String name);

    /** Deletes the subscription with its bookmarks and heartbeats. */
    void delete(Subscription subscription);

    /**
     * What enabling or disabling some subscriptions will do.
     *
     * @param switched the subscriptions to store, switched
     * @param skipped the subscriptions that cannot be enabled because they have no output
     */
    record SwitchPlan(boolean enable, List<Subscription> switched, List<Subscription> skipped) {
        public SwitchPlan {
            switched = List.copyOf(switched);
            skipped = List.copyOf(skipped);
        }
    }

    /** Sorts the targets into those to switch and those to skip (enabling without output). Nothing is written. */
    SwitchPlan planSwitch(List<Subscription> targets, boolean enable);

    /**
     * Stores the switched subscriptions in one transaction.
     *
     * @return the subscriptions as stored
     * @throws org.openwec.core.model.UserError when read-only, or when every target was skipped
     */
    List<Subscription> applySwitch(SwitchPlan plan);

    /**
     * Stores subscriptions read from an export or from a Windows collector, disabled, in one transaction. A
     * subscription whose UUID exists is overwritten in place and keeps its bookmarks and heartbeats.
     *
     * @param source what they were read from, for messages (e.g. the file name)
     * @return the subscriptions as stored
     * @throws org.openwec.core.model.UserError when read-only, when {@code source} holds a UUID twice, or
     *         when one of them cannot be stored (then none is)
     */
    List<Subscription> importSubscriptions(List<Subscription> imported, String source);

    /**
     * Gives the subscriptions new internal versions, in one transaction, so that every collector rebuilds their
     * outputs. Allowed in read-only mode.
     *
     * @return the subscriptions as stored
     */
    List<Subscription> reload(List<Subscription> targets);

    /**
     * What a load of configuration files will do.
     *
     * @param loaded every subscription of the files, in file order, as it will be after the load (an unchanged
     *               one is the stored object, with its stored internal version)
     * @param changed the loaded subscriptions that differ from what is stored (new ones included)
     * @param removed the stored subscriptions no file describes, deleted unless kept, ordered by name
     * @param parked stored subscriptions renamed for the time of the transaction, because another subscription
     *               takes their name (a subscription re-created under a new UUID, two that swap names)
     */
    record LoadPlan(List<Subscription> loaded, List<Subscription> changed, List<Subscription> removed,
                    List<Subscription> parked) {
        public LoadPlan {
            loaded = List.copyOf(loaded);
            changed = List.copyOf(changed);
            removed = List.copyOf(removed);
            parked = List.copyOf(parked);
        }
    }

    /**
     * Compares the files' subscriptions with the stored ones. Nothing is written. Allowed in read-only mode.
     *
     * @param fromFiles parsed subscriptions, each with a fresh internal version
     * @param keep true to leave the subscriptions no file describes in place
     * @throws org.openwec.core.model.UserError when two files describe the same UUID or the same name, or
     *         when a loaded name is taken by a subscription that stays
     */
    LoadPlan planLoad(List<Subscription> fromFiles, boolean keep);

    /** Applies the plan in one transaction: all of it or nothing. */
    void applyLoad(LoadPlan plan);
}
