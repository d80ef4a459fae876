package io.mpaas.marathon.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.health.HealthCheckResults.AliveChanged;
import io.mpaas.marathon.health.HealthCheckResults.Effect;
import io.mpaas.marathon.health.HealthCheckResults.FailedCheck;
import io.mpaas.marathon.health.HealthCheckResults.Kill;
import io.mpaas.marathon.health.HealthCheckResults.Step;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.marathon.MarathonTask.HealthCheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HealthCheckResultsTest {

    private static final String ID = "web.instance-1";
    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant AFTER_GRACE = STARTED.plusSeconds(301);
    private static final String EARLIER = "2026-01-01T00:04:00.000Z";

    private static MarathonHealthCheck check(int maxFailures, boolean ignore1xx) {
        return new MarathonHealthCheck(0, new HealthCheck("HTTP", "/", 0, null, null, 300, 10, 2, maxFailures,
                ignore1xx, null, null), MarathonHealthCheck.Protocol.HTTP, "/", 0, null, Duration.ofSeconds(300),
                Duration.ofSeconds(10), Duration.ofSeconds(2), maxFailures, ignore1xx);
    }

    private static final MarathonHealthCheck CHECK = check(3, false);
    private static final Outcome FAIL = new Outcome.Unhealthy("500 Internal Server Error");
    private static final HealthCheckResult UNKNOWN = HealthCheckResults.initial(ID);
    private static final HealthCheckResult ALIVE = new HealthCheckResult(true, 0, EARLIER, EARLIER, null, null, ID);

    private static HealthCheckResult failing(int failures) {
        return new HealthCheckResult(false, failures, EARLIER, EARLIER, EARLIER, "Connection refused", ID);
    }

    static Stream<Arguments> transitions() {
        String now = "2026-01-01T00:05:01.000Z";
        return Stream.of(
                Arguments.of("unknown + healthy -> alive, first success set", UNKNOWN, Outcome.HEALTHY, AFTER_GRACE,
                        new HealthCheckResult(true, 0, now, now, null, null, ID),
                        List.of(new AliveChanged(true))),
                Arguments.of("unknown + healthy in grace -> alive (success ends the grace period)", UNKNOWN,
                        Outcome.HEALTHY, STARTED.plusSeconds(1),
                        new HealthCheckResult(true, 0, "2026-01-01T00:00:01.000Z", "2026-01-01T00:00:01.000Z",
                                null, null, ID),
                        List.of(new AliveChanged(true))),
                Arguments.of("alive + healthy -> alive, only lastSuccess moves", ALIVE, Outcome.HEALTHY, AFTER_GRACE,
                        new HealthCheckResult(true, 0, EARLIER, now, null, null, ID), List.of()),
                Arguments.of("failing + healthy -> alive, failure history kept", failing(2), Outcome.HEALTHY,
                        AFTER_GRACE, new HealthCheckResult(true, 0, EARLIER, now, EARLIER, "Connection refused", ID),
                        List.of(new AliveChanged(true))),
                Arguments.of("unknown + failure in grace -> ignored", UNKNOWN, FAIL, STARTED.plusSeconds(299),
                        UNKNOWN, List.of()),
                Arguments.of("unknown + failure at the end of grace -> counted", UNKNOWN, FAIL, STARTED.plusSeconds(300),
                        new HealthCheckResult(false, 1, null, null, "2026-01-01T00:05:00.000Z",
                                "500 Internal Server Error", ID),
                        List.of(new FailedCheck())),
                Arguments.of("alive + failure in grace -> counted (grace ended with the first success)", ALIVE, FAIL,
                        STARTED.plusSeconds(10),
                        new HealthCheckResult(false, 1, EARLIER, EARLIER, "2026-01-01T00:00:10.000Z",
                                "500 Internal Server Error", ID),
                        List.of(new FailedCheck(), new AliveChanged(false))),
                Arguments.of("alive + failure -> failing, alive flips", ALIVE, FAIL, AFTER_GRACE,
                        new HealthCheckResult(false, 1, EARLIER, EARLIER, now, "500 Internal Server Error", ID),
                        List.of(new FailedCheck(), new AliveChanged(false))),
                Arguments.of("failing(1) + failure -> failing(2), no kill yet", failing(1), FAIL, AFTER_GRACE,
                        new HealthCheckResult(false, 2, EARLIER, EARLIER, now, "500 Internal Server Error", ID),
                        List.of(new FailedCheck())),
                Arguments.of("failing(2) + failure -> failing(3), kill at maxConsecutiveFailures", failing(2), FAIL,
                        AFTER_GRACE,
                        new HealthCheckResult(false, 3, EARLIER, EARLIER, now, "500 Internal Server Error", ID),
                        List.of(new FailedCheck(), new Kill("500 Internal Server Error"))),
                Arguments.of("failing(3) + failure -> failing(4), kill asked again", failing(3), FAIL, AFTER_GRACE,
                        new HealthCheckResult(false, 4, EARLIER, EARLIER, now, "500 Internal Server Error", ID),
                        List.of(new FailedCheck(), new Kill("500 Internal Server Error"))),
                Arguments.of("alive + ignored 1xx -> unchanged", ALIVE, new Outcome.Ignored("102 Processing"),
                        AFTER_GRACE, ALIVE, List.of()),
                Arguments.of("failing + ignored 1xx -> unchanged, no kill", failing(5),
                        new Outcome.Ignored("100 Continue"), AFTER_GRACE, failing(5), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void steps(String name, HealthCheckResult previous, Outcome outcome, Instant now, HealthCheckResult expected,
            List<Effect> effects) {
        Step step = HealthCheckResults.next(previous, outcome, now, STARTED, CHECK);

        assertThat(step.result()).isEqualTo(expected);
        assertThat(step.effects()).containsExactlyElementsOf(effects);
    }

    @ParameterizedTest(name = "maxConsecutiveFailures {0}: the failure number {1} is the first to ask for a kill")
    @MethodSource("killThresholds")
    void killComesOnTheFailureThatReachesTheLimit(int max, int firstKillingFailure) {
        MarathonHealthCheck check = check(max, false);
        HealthCheckResult result = UNKNOWN;
        for (int failure = 1; failure <= 6; failure++) {
            Step step = HealthCheckResults.next(result, FAIL, AFTER_GRACE.plusSeconds(failure), STARTED, check);
            boolean kills = step.effects().contains(new Kill("500 Internal Server Error"));
            assertThat(kills).as("failure %d", failure).isEqualTo(firstKillingFailure > 0
                    && failure >= firstKillingFailure);
            result = step.result();
        }
        assertThat(result.consecutiveFailures()).isEqualTo(6);
    }

    static Stream<Arguments> killThresholds() {
        return Stream.of(Arguments.of(1, 1), Arguments.of(3, 3), Arguments.of(5, 5), Arguments.of(0, 0));
    }

    @Test
    void gracePeriodCountsFromRunningSinceNotFromTheFirstCheck() {
        Instant startedLongAgo = AFTER_GRACE.minusSeconds(3600);

        Step step = HealthCheckResults.next(UNKNOWN, FAIL, AFTER_GRACE, startedLongAgo, CHECK);

        assertThat(step.result().consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void timestampsHaveMarathonsMillisecondFormat() {
        Instant now = Instant.parse("2026-03-04T05:06:07.123456Z");

        Step passed = HealthCheckResults.next(UNKNOWN, Outcome.HEALTHY, now, STARTED, CHECK);
        Step failed = HealthCheckResults.next(passed.result(), FAIL, now.plusMillis(10), STARTED, CHECK);

        assertThat(passed.result().firstSuccess()).isEqualTo("2026-03-04T05:06:07.123Z");
        assertThat(failed.result().lastFailure()).isEqualTo("2026-03-04T05:06:07.133Z");
        assertThat(failed.result().lastSuccess()).isEqualTo("2026-03-04T05:06:07.123Z");
    }

    @Test
    void initialResultIsNotAliveAndKnowsNothing() {
        assertThat(HealthCheckResults.initial(ID)).isEqualTo(new HealthCheckResult(false, 0, null, null, null, null,
                ID));
    }
}
