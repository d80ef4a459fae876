package io.mpaas.gateway.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuntimeAnswersTest {

    /** Answers HAProxy 2.6.12 gave to refused commands (captured, or read from the binary's messages). */
    @ParameterizedTest
    @ValueSource(strings = {
            "No such server.",
            "No such backend.",
            "Unknown command, but maybe one of the following ones is a better match:\n  show fd [num] : dump",
            "Require 'backend/server'.",
            "Permission denied",
            "'set server <srv> state' expects 'ready', 'drain' and 'maint'.",
            "Invalid addr '1.2.3.x'",
            "Can't find backend.",
            "Backend must use a dynamic load balancing to support dynamic servers.",
            "Only servers in maintenance mode can be deleted.",
            "Server still has connections attached to it, cannot remove it.",
            "Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.",
    })
    void recognisesErrors(String answer) {
        assertThat(RuntimeAnswers.isError(answer)).isTrue();
    }

    /** Answers of successful commands. */
    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "IP changed from '0.0.0.0' to '127.0.0.1', port changed from '+0' to '23457' by 'stats socket command'",
            "no need to change the addr, port changed from '80' to '81' by 'stats socket command'",
            "New server registered.",
            "Server deleted.",
            "1\n# be_id be_name srv_id srv_name srv_addr\n3 be 1 s1 127.0.0.1",
            "2.6.12-1+deb12u4",
    })
    void acceptsNormalAnswers(String answer) {
        assertThat(RuntimeAnswers.isError(answer)).isFalse();
    }
}
