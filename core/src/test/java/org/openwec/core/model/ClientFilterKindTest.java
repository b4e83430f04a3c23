package org.openwec.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientFilterKindTest {
    @Test
    void readsStoredKindsInAnyCase() {
        assertThat(ClientFilterKind.parse("Client")).isEqualTo(ClientFilterKind.Client);
        assertThat(ClientFilterKind.parse("machineid")).isEqualTo(ClientFilterKind.MachineID);
    }

    /** Kinds written by pre-release builds of the reference (docs/reference/schema.md §7 item 6). */
    @Test
    void readsPreReleaseKindsAsClient() {
        assertThat(ClientFilterKind.parse("KerberosPrinc")).isEqualTo(ClientFilterKind.Client);
        assertThat(ClientFilterKind.parse("TLSCertSubject")).isEqualTo(ClientFilterKind.Client);
    }

    @Test
    void refusesAnythingElse() {
        assertThatThrownBy(() -> ClientFilterKind.parse("Hostname")).hasMessageContaining("Hostname");
    }
}
