package org.openwec.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The worked example of docs/reference/operations.md §2.6, T = 1000: the bounds are strict. */
class MachineStateTest {
    @Test
    void workedExample() {
        assertThat(MachineState.of(1500, null, 1000)).isEqualTo(MachineState.Alive);
        assertThat(MachineState.of(1500, 1500L, 1000)).isEqualTo(MachineState.Active);
        assertThat(MachineState.of(1500, 900L, 1000)).isEqualTo(MachineState.Alive);
        assertThat(MachineState.of(1000, null, 1000)).isEqualTo(MachineState.Dead);
        assertThat(MachineState.of(800, 800L, 1000)).isEqualTo(MachineState.Dead);
    }

    @Test
    void anEventExactlyAtTheStartTimeIsNotActivity() {
        assertThat(MachineState.of(1001, 1000L, 1000)).isEqualTo(MachineState.Alive);
        assertThat(MachineState.of(1000, 1000L, 1000)).isEqualTo(MachineState.Dead);
    }
}
