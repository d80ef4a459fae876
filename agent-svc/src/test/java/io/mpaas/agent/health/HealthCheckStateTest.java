package io.mpaas.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.agent.health.HealthCheckState.Phase;
import io.mpaas.agent.health.HealthDecision.Effect;
import io.mpaas.agent.health.HealthDecision.Kill;
import io.mpaas.agent.health.HealthDecision.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class HealthCheckStateTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final int LIMIT = 3;

    private static final CheckOutcome PASS = CheckOutcome.passed("HTTP GET http://127.0.0.1:8080/ returned 200");
    private static final CheckOutcome FAIL = CheckOutcome.failed("HTTP GET http://127.0.0.1:8080/ returned 503");

    /** When a result arrives, relative to the grace period that started at START. */
    enum When {
        IN_GRACE(START.plusSeconds(5)),
        AT_GRACE_END(START.plus(GRACE)),
        AFTER_GRACE(START.plus(GRACE).plusNanos(1));

        final Instant at;

        When(Instant at) {
            this.at = at;
        }
    }

    private static HealthCheckState state(Phase phase, int failures) {
        return new HealthCheckState(phase, failures, START, GRACE, LIMIT);
    }

    private static Report unhealthy(int failures) {
        return new Report(false, FAIL.message(), failures);
    }

    private static final Report HEALTHY = new Report(true, PASS.message(), 0);
    private static final Kill KILL = new Kill("Health check failed 3 times in a row: " + FAIL.message());

    /** Every (state, result, time) that can occur, and Mesos's answer. */
    static Stream<Arguments> matrix() {
        return Stream.of(
                // Nothing seen yet: the first success is reported; failures wait out the grace period.
                Arguments.of(Phase.STARTING, 0, PASS, When.IN_GRACE, Phase.HEALTHY, 0, List.of(HEALTHY)),
                Arguments.of(Phase.STARTING, 0, PASS, When.AFTER_GRACE, Phase.HEALTHY, 0, List.of(HEALTHY)),
                Arguments.of(Phase.STARTING, 0, FAIL, When.IN_GRACE, Phase.STARTING, 0, List.of()),
                Arguments.of(Phase.STARTING, 0, FAIL, When.AT_GRACE_END, Phase.STARTING, 0, List.of()),
                Arguments.of(Phase.STARTING, 0, FAIL, When.AFTER_GRACE, Phase.FAILING, 1, List.of(unhealthy(1))),
                // Healthy: another success is silent; after a success the grace period is over for good.
                Arguments.of(Phase.HEALTHY, 0, PASS, When.IN_GRACE, Phase.HEALTHY, 0, List.of()),
                Arguments.of(Phase.HEALTHY, 0, PASS, When.AFTER_GRACE, Phase.HEALTHY, 0, List.of()),
                Arguments.of(Phase.HEALTHY, 0, FAIL, When.IN_GRACE, Phase.FAILING, 1, List.of(unhealthy(1))),
                Arguments.of(Phase.HEALTHY, 0, FAIL, When.AFTER_GRACE, Phase.FAILING, 1, List.of(unhealthy(1))),
                // Failing: every further failure is reported again, the third kills; a success recovers.
                Arguments.of(Phase.FAILING, 1, PASS, When.AFTER_GRACE, Phase.HEALTHY, 0, List.of(HEALTHY)),
                Arguments.of(Phase.FAILING, 1, FAIL, When.IN_GRACE, Phase.FAILING, 2, List.of(unhealthy(2))),
                Arguments.of(Phase.FAILING, 1, FAIL, When.AFTER_GRACE, Phase.FAILING, 2, List.of(unhealthy(2))),
                Arguments.of(Phase.FAILING, 2, PASS, When.AFTER_GRACE, Phase.HEALTHY, 0, List.of(HEALTHY)),
                Arguments.of(Phase.FAILING, 2, FAIL, When.IN_GRACE, Phase.KILLED, 3, List.of(unhealthy(3), KILL)),
                Arguments.of(Phase.FAILING, 2, FAIL, When.AFTER_GRACE, Phase.KILLED, 3, List.of(unhealthy(3), KILL)));
    }

    @ParameterizedTest(name = "{0}({1}) + {2} {3} -> {4}({5}) {6}")
    @MethodSource("matrix")
    void decidesLikeMesos(Phase phase, int failures, CheckOutcome outcome, When when, Phase nextPhase,
            int nextFailures, List<Effect> effects) {
        HealthDecision decision = state(phase, failures).record(when.at, outcome);

        assertThat(decision.next()).isEqualTo(state(nextPhase, nextFailures));
        assertThat(decision.effects()).containsExactlyElementsOf(effects);
    }

    @ParameterizedTest
    @EnumSource(When.class)
    void aKilledTaskTakesNoMoreResults(When when) {
        HealthCheckState killed = state(Phase.KILLED, LIMIT);

        assertThatThrownBy(() -> killed.record(when.at, PASS)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> killed.record(when.at, FAIL)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aZeroGracePeriodIgnoresNothing() {
        HealthCheckState starting = new HealthCheckState(Phase.STARTING, 0, START, Duration.ZERO, LIMIT);

        HealthDecision decision = starting.record(START, FAIL);

        assertThat(decision.next().phase()).isEqualTo(Phase.FAILING);
        assertThat(decision.effects()).containsExactly(unhealthy(1));
    }

    @Test
    void zeroConsecutiveFailuresKillsOnTheFirstFailureThatCounts() {
        HealthCheckState starting = new HealthCheckState(Phase.STARTING, 0, START, GRACE, 0);

        assertThat(starting.record(When.IN_GRACE.at, FAIL).effects()).isEmpty();
        HealthDecision decision = starting.record(When.AFTER_GRACE.at, FAIL);

        assertThat(decision.next().phase()).isEqualTo(Phase.KILLED);
        assertThat(decision.effects()).containsExactly(unhealthy(1),
                new Kill("Health check failed 1 time: " + FAIL.message()));
    }

    @Test
    void aTaskThatFlapsIsReportedOnEveryFailureAndOnEachRecovery() {
        HealthCheckState state = HealthCheckState.starting(START, spec(GRACE, LIMIT));
        List<Effect> effects = new ArrayList<>();
        Instant now = START.plus(GRACE).plusSeconds(1);
        for (CheckOutcome outcome : List.of(FAIL, PASS, PASS, FAIL, FAIL, PASS, FAIL, FAIL, FAIL)) {
            HealthDecision decision = state.record(now, outcome);
            effects.addAll(decision.effects());
            state = decision.next();
            now = now.plusSeconds(10);
        }

        assertThat(effects).containsExactly(
                unhealthy(1), HEALTHY,
                unhealthy(1), unhealthy(2), HEALTHY,
                unhealthy(1), unhealthy(2), unhealthy(3), KILL);
        assertThat(state.phase()).isEqualTo(Phase.KILLED);
    }

    @Test
    void startsFromTheSpecsGracePeriodAndLimit() {
        HealthCheckState state = HealthCheckState.starting(START, spec(Duration.ofSeconds(30), 7));

        assertThat(state).isEqualTo(new HealthCheckState(Phase.STARTING, 0, START, Duration.ofSeconds(30), 7));
        assertThat(state.inGracePeriod(START.plusSeconds(30))).isTrue();
        assertThat(state.inGracePeriod(START.plusSeconds(30).plusNanos(1))).isFalse();
    }

    @Test
    void rejectsAStateWhoseCountContradictsItsPhase() {
        assertThatThrownBy(() -> state(Phase.FAILING, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> state(Phase.HEALTHY, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> state(Phase.STARTING, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    private static HealthCheckSpec spec(Duration grace, int limit) {
        return new HealthCheckSpec(new HealthCheckSpec.Tcp(8080), Duration.ZERO, Duration.ofSeconds(10),
                Duration.ofSeconds(20), limit, grace);
    }
}
