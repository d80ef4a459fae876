package io.mpaas.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void fieldsAreCountedFromTheLastParenthesisSinceNamesMayHoldSpacesAndParentheses() {
        String line = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 17 5 0 0 20 0 3 0 98765 3133440 "
                + "412 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0";

        assertThat(ProcStat.parse(4242, line)).isEqualTo(new ProcStat(4242, 'S', 4242, 17, 5, 3, 98765));
    }

    @Test
    void aZombieIsNotRunning() {
        String line = "7 (sleep) Z 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 55 0 0 0";

        assertThat(ProcStat.parse(7, line).zombie()).isTrue();
    }
}
