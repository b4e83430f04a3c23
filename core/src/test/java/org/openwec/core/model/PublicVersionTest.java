package org.openwec.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The test vectors of docs/reference/stored-formats.md §2.3: a changed byte makes every Windows client re-subscribe. */
class PublicVersionTest {

    private static final String SECURITY_QUERY = "<QueryList>\n    <Query Id=\"0\">\n"
            + "        <Select Path=\"Security\">*</Select>\n    </Query>\n</QueryList>\n";

    @Test
    void defaultsOfToto() {
        assertThat(SubscriptionParameters.defaults("toto", "query").publicVersion())
                .isEqualTo(UUID.fromString("79e450a6-880a-cdc2-79e4-50a6880acdc2"));
    }

    @Test
    void tataWithEveryOptionalField() {
        SubscriptionParameters tata = new SubscriptionParameters("tata", "query2", 3600, 5, 60, 30, 10L, 512_000,
                true, ContentFormat.RenderedText, false, "fr-FR", "en-US");

        assertThat(tata.publicVersion()).isEqualTo(UUID.fromString("3c44d41e-3509-617a-3c44-d41e3509617a"));
    }

    @Test
    void tataWithEveryNumberChanged() {
        SubscriptionParameters tata = new SubscriptionParameters("tata", "<QueryList/>", 1234, 3, 54321, 25000, 10L,
                7777, true, ContentFormat.RenderedText, false, "fr-FR", "en-US");

        assertThat(tata.publicVersion()).isEqualTo(UUID.fromString("1315e3f4-94a4-854a-1315-e3f494a4854a"));
    }

    @Test
    void workedExampleWindowsSecurity() {
        assertThat(SubscriptionParameters.defaults("windows-security", SECURITY_QUERY).publicVersion())
                .isEqualTo(UUID.fromString("0f0a671e-3db6-b327-0f0a-671e3db6b327"));
    }

    @Test
    void theVersionIsTheHashWrittenTwice() {
        UUID version = SubscriptionParameters.defaults("toto", "query").publicVersion();

        assertThat(version.getMostSignificantBits()).isEqualTo(version.getLeastSignificantBits());
    }

    @Test
    void fieldsOutsideTheParametersDoNotChangeIt() {
        Subscription plain = Subscription.create("windows-security", SECURITY_QUERY);
        Subscription dressed = plain.withUri("/security").withRevision("4f2a1c9").withEnabled(false)
                .withOutputs(List.of(new Output(OutputFormat.Raw, new OutputDriver.Files("/tmp/x"), true)))
                .withClientFilter(ClientFilter.of(ClientFilterOperation.Except, ClientFilterKind.Client,
                        ClientFilterFlags.fromBits(1), List.of("test01$@windomain.local")))
                .withNewUuid();

        assertThat(dressed.publicVersion()).isEqualTo(plain.publicVersion())
                .isEqualTo(UUID.fromString("0f0a671e-3db6-b327-0f0a-671e3db6b327"));
    }

    @Test
    void everyParameterChangesIt() {
        SubscriptionParameters p = SubscriptionParameters.defaults("toto", "query");
        List<SubscriptionParameters> changed = List.of(
                p.withName("titi"), p.withQuery("query2"), p.withHeartbeatInterval(3601),
                p.withConnectionRetryCount(6), p.withConnectionRetryInterval(61), p.withMaxTime(31),
                p.withMaxElements(0L), p.withMaxEnvelopeSize(512_001), p.withReadExistingEvents(true),
                p.withContentFormat(ContentFormat.RenderedText), p.withIgnoreChannelError(false),
                p.withLocale("fr-FR"), p.withDataLocale("fr-FR"));

        assertThat(changed).extracting(SubscriptionParameters::publicVersion)
                .doesNotContain(p.publicVersion())
                .doesNotHaveDuplicates();
    }
}
