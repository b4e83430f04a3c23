package org.openwec.core.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/reference/reference-tests.md §7.2 test_within_range: lower bound exclusive, upper bound inclusive. */
class WithinRangeTest {

    private static OptionalLong bound(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    @ParameterizedTest(name = "within_range({0}, {1}, {2}) = {3}")
    @CsvSource(nullValues = "none", value = {
            "0, none, none, true",
            "42, none, none, true",
            "100000, none, none, true",
            "1, 2, 5, false",
            "2, 2, 5, false",
            "3, 2, 5, true",
            "5, 2, 5, true",
            "6, 2, 5, false",
            "0, 5, none, false",
            "4, 5, none, false",
            "5, 5, none, false",
            "6, 5, none, true",
            "60, 5, none, true",
            "0, none, 5, true",
            "5, none, 5, true",
            "6, none, 5, false"})
    void withinRange(long version, Long low, Long high, boolean expected) {
        assertThat(MigrationEngine.withinRange(version, bound(low), bound(high))).isEqualTo(expected);
    }
}
