package org.openwec.core.model;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A subscription: what Windows clients are asked to send, to whom it is offered, and where events go.
 *
 * <p>The internal version changes with every modification, because running collectors (ours and the
 * reference's) reload subscriptions from the database and only rebuild those whose internal version
 * they do not hold yet (docs/reference/stored-formats.md §2.2). Every {@code with...} method therefore renews it;
 * reading a row restores the stored one through the canonical constructor.
 *
 * @param revision null when not configured
 * @param uri null when the subscription is offered on every URI
 * @param clientFilter null when every client is accepted
 */
public record Subscription(
        UUID uuid,
        UUID internalVersion,
        String revision,
        String uri,
        boolean enabled,
        SubscriptionParameters parameters,
        ClientFilter clientFilter,
        List<Output> outputs) {

    public Subscription {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(internalVersion, "internalVersion");
        Objects.requireNonNull(parameters, "parameters");
        outputs = List.copyOf(outputs);
    }

    /** A new subscription with the reference's defaults: enabled, no output, no filter, fresh identities. */
    public static Subscription create(String name, String query) {
        return new Subscription(UUID.randomUUID(), UUID.randomUUID(), null, null, true,
                SubscriptionParameters.defaults(name, query), null, List.of());
    }

    public String name() {
        return parameters.name();
    }

    /** The UUID as stored in the database and sent to clients: upper-case. */
    public String storedKey() {
        return Uuids.storedKey(uuid);
    }

    public UUID publicVersion() {
        return parameters.publicVersion();
    }

    /** Enabled and at least one enabled output: only then is it offered to clients. */
    public boolean isActive() {
        return enabled && outputs.stream().anyMatch(Output::enabled);
    }

    /** @param machineId the MachineID header, null when absent */
    public boolean isActiveFor(String client, String machineId) {
        return isActive() && (clientFilter == null || clientFilter.accepts(client, machineId));
    }

    public Subscription withNewInternalVersion() {
        return new Subscription(uuid, UUID.randomUUID(), revision, uri, enabled, parameters, clientFilter, outputs);
    }

    /** A copy under a new identity, as {@code subscriptions duplicate} makes. */
    public Subscription withNewUuid() {
        return new Subscription(UUID.randomUUID(), UUID.randomUUID(), revision, uri, enabled, parameters, clientFilter, outputs);
    }

    public Subscription withParameters(SubscriptionParameters value) {
        return new Subscription(uuid, UUID.randomUUID(), revision, uri, enabled, value, clientFilter, outputs);
    }

    public Subscription withRevision(String value) {
        return new Subscription(uuid, UUID.randomUUID(), value, uri, enabled, parameters, clientFilter, outputs);
    }

    public Subscription withUri(String value) {
        return new Subscription(uuid, UUID.randomUUID(), revision, value, enabled, parameters, clientFilter, outputs);
    }

    public Subscription withEnabled(boolean value) {
        return new Subscription(uuid, UUID.randomUUID(), revision, uri, value, parameters, clientFilter, outputs);
    }

    public Subscription withClientFilter(ClientFilter value) {
        return new Subscription(uuid, UUID.randomUUID(), revision, uri, enabled, parameters, value, outputs);
    }

    public Subscription withOutputs(List<Output> value) {
        return new Subscription(uuid, UUID.randomUUID(), revision, uri, enabled, parameters, clientFilter, value);
    }
}
