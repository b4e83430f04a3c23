package org.openwec.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The internal version (docs/reference/stored-formats.md §2.2) and the defaults of a new subscription (2.1). */
class SubscriptionTest {
    private final Subscription s = Subscription.create("toto", "query");

    @Test
    void aNewSubscriptionHasTheReferenceDefaults() {
        assertThat(s.enabled()).isTrue();
        assertThat(s.outputs()).isEmpty();
        assertThat(s.clientFilter()).isNull();
        assertThat(s.uri()).isNull();
        assertThat(s.revision()).isNull();
        assertThat(s.parameters()).isEqualTo(new SubscriptionParameters("toto", "query", 3600, 5, 60, 30, null,
                512_000, false, ContentFormat.Raw, true, null, null));
        assertThat(s.internalVersion()).isNotEqualTo(s.uuid());
    }

    @Test
    void everyModificationRenewsTheInternalVersion() {
        List<Subscription> modified = List.of(
                s.withParameters(s.parameters()), s.withRevision("r"), s.withUri("/u"), s.withEnabled(true),
                s.withClientFilter(null), s.withOutputs(List.of()), s.withNewInternalVersion());

        assertThat(modified).extracting(Subscription::internalVersion)
                .doesNotContain(s.internalVersion())
                .doesNotHaveDuplicates();
        assertThat(modified).extracting(Subscription::uuid).containsOnly(s.uuid());
    }

    @Test
    void duplicateGetsANewIdentity() {
        Subscription copy = s.withNewUuid();

        assertThat(copy.uuid()).isNotEqualTo(s.uuid());
        assertThat(copy.parameters()).isEqualTo(s.parameters());
    }

    @Test
    void storedKeyIsUpperCase() {
        assertThat(s.storedKey()).isEqualTo(s.uuid().toString().toUpperCase(java.util.Locale.ROOT));
    }

    @Test
    void activeNeedsEnabledAndAnEnabledOutput() {
        Output on = new Output(OutputFormat.Json, new OutputDriver.UnixDatagram("/tmp/s"), true);

        assertThat(s.isActive()).isFalse();
        assertThat(s.withOutputs(List.of(on.withEnabled(false))).isActive()).isFalse();
        assertThat(s.withOutputs(List.of(on.withEnabled(false), on)).isActive()).isTrue();
        assertThat(s.withOutputs(List.of(on)).withEnabled(false).isActive()).isFalse();
    }

    @Test
    void parametersHoldTheReferenceRanges() {
        SubscriptionParameters p = s.parameters();

        assertThatThrownBy(() -> p.withName(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.withConnectionRetryCount(65_536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.withHeartbeatInterval(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.withMaxTime(4_294_967_296L)).isInstanceOf(IllegalArgumentException.class);
        assertThat(p.withMaxEnvelopeSize(4_294_967_295L).maxEnvelopeSize()).isEqualTo(4_294_967_295L);
    }
}
