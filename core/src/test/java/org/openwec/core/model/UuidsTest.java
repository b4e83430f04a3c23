package org.openwec.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** UUID text as the reference reads it: any case; hyphenated, simple, braced and urn forms. */
class UuidsTest {
    private static final UUID ID = UUID.fromString("5f3a9c2e-8b1d-4e6f-a7c0-1d2e3f4a5b6c");

    @ParameterizedTest
    @ValueSource(strings = {
            "5F3A9C2E-8B1D-4E6F-A7C0-1D2E3F4A5B6C",
            "5f3a9c2e-8b1d-4e6f-a7c0-1d2e3f4a5b6c",
            "5f3A9c2E-8b1D-4e6F-a7C0-1d2E3f4A5b6C",
            "5f3a9c2e8b1d4e6fa7c01d2e3f4a5b6c",
            "5F3A9C2E8B1D4E6FA7C01D2E3F4A5B6C",
            "{5f3a9c2e-8b1d-4e6f-a7c0-1d2e3f4a5b6c}",
            "{5F3A9C2E-8B1D-4E6F-A7C0-1D2E3F4A5B6C}",
            "urn:uuid:5f3a9c2e-8b1d-4e6f-a7c0-1d2e3f4a5b6c",
            "URN:UUID:5F3A9C2E-8B1D-4E6F-A7C0-1D2E3F4A5B6C"})
    void readsEveryForm(String text) {
        assertThat(Uuids.parse(text)).contains(ID);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "", "toto", "5f3a9c2e-8b1d-4e6f-a7c0-1d2e3f4a5b6", "5f3a9c2e-8b1d-4e6f-a7c0-1d2e3f4a5b6c0",
            "5f3a9c2e8b1d4e6fa7c01d2e3f4a5b6", "5f3a9c2e-8b1d-4e6f-a7c0-1d2e3f4a5b6g",
            "{5f3a9c2e-8b1d-4e6f-a7c0-1d2e3f4a5b6c", "5f3a9c2e-8b1d4e6f-a7c0-1d2e3f4a5b6c-",
            "5-3a9c2e-8b1d-4e6f-a7c0-1d2e3f4a5b6c"})
    void rejectsWhatIsNotAUuid(String text) {
        assertThat(Uuids.parse(text)).isEmpty();
    }

    @Test
    void writesStoredKeysUpperCaseAndVersionsLowerCase() {
        assertThat(Uuids.storedKey(ID)).isEqualTo("5F3A9C2E-8B1D-4E6F-A7C0-1D2E3F4A5B6C");
        assertThat(Uuids.lowerCase(ID)).isEqualTo("5f3a9c2e-8b1d-4e6f-a7c0-1d2e3f4a5b6c");
    }
}
