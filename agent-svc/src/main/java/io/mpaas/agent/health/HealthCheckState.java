package io.mpaas.agent.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one task's health checking has seen so far, and the pure rule for the next probe
 * result. Immutable: {@link #record} returns the next state together with what the caller
 * must do.
 *
 * <p>The rule is Mesos's ({@code HealthChecker::success} and {@code ::failure} in {@code
 * src/checks/health_checker.cpp}; the command executor's {@code taskHealthUpdated}):
 * <ul>
 *   <li>A failure is ignored while the task has never been healthy and no more than the
 *       grace period has passed since the checker started (start + grace included; a grace
 *       period of zero ignores nothing). Ignored means not counted and not reported. After
 *       the first success the grace period never applies again.
 *   <li>Every other failure is counted and <em>reported</em>: Mesos sends {@code
 *       healthy=false} on each counted failure, not only on the first one, each with the
 *       running count of consecutive failures.
 *   <li>When the count reaches {@code consecutive_failures} the task is to be killed: the
 *       last {@code healthy=false} report is still sent, then the kill (Mesos sets {@code
 *       kill_task} on that same report and the executor forwards it, then kills). With
 *       {@code consecutive_failures} 0 the first counted failure kills, as in Mesos.
 *   <li>A success is reported ({@code healthy=true}) only when it is the first result ever
 *       reported or follows counted failures; a success after a success is silent.
 * </ul>
 *
 * @param phase where checking stands
 * @param consecutiveFailures counted failures since the last success
 * @param startedAt when the checker started: the grace period runs from here and includes
 *     the delay before the first probe
 * @param gracePeriod how long failures are ignored before the first success
 * @param failuresToKill how many consecutive counted failures kill the task
 */
record HealthCheckState(Phase phase, int consecutiveFailures, Instant startedAt, Duration gracePeriod,
        int failuresToKill) {

    /** Where a task's health checking stands. */
    enum Phase {
        /**
         * No result reported yet: the task has never passed and no failure has been counted.
         * Failures within the grace period are ignored here. Next: HEALTHY, FAILING, KILLED.
         */
        STARTING,
        /** The last result was a success (and was reported, or followed one). Next: FAILING, KILLED. */
        HEALTHY,
        /**
         * One or more counted failures in a row, fewer than kill the task. Each was reported
         * unhealthy. Next: HEALTHY on a success, KILLED when the failures reach the limit.
         */
        FAILING,
        /**
         * Enough consecutive failures: the task is being killed and checking has ended.
         * Terminal; a further result is a caller error.
         */
        KILLED
    }

    HealthCheckState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        if (consecutiveFailures < 0 || failuresToKill < 0 || gracePeriod.isNegative()) {
            throw new IllegalArgumentException("negative count or grace period");
        }
        if ((phase == Phase.FAILING || phase == Phase.KILLED) != consecutiveFailures > 0) {
            throw new IllegalArgumentException(phase + " with " + consecutiveFailures + " consecutive failures");
        }
    }

    /** A checker that starts now, with nothing seen yet. */
    static HealthCheckState starting(Instant startedAt, HealthCheckSpec spec) {
        return new HealthCheckState(Phase.STARTING, 0, startedAt, spec.gracePeriod(), spec.consecutiveFailures());
    }

    /**
     * The next state after a probe finished at {@code now} with {@code outcome}, and what to
     * report or do.
     *
     * @throws IllegalStateException once the task is KILLED: nothing may be checked after it
     */
    HealthDecision record(Instant now, CheckOutcome outcome) {
        if (phase == Phase.KILLED) {
            throw new IllegalStateException("health checking already ended with a kill; no result expected: "
                    + outcome);
        }
        return outcome.healthy() ? passed(outcome) : failed(now, outcome);
    }

    /** Whether a failure at {@code now} falls in the grace period and is to be ignored. */
    boolean inGracePeriod(Instant now) {
        return phase == Phase.STARTING
                && gracePeriod.isPositive()
                && !now.isAfter(startedAt.plus(gracePeriod));
    }

    private HealthDecision passed(CheckOutcome outcome) {
        HealthCheckState healthy = new HealthCheckState(Phase.HEALTHY, 0, startedAt, gracePeriod, failuresToKill);
        if (phase == Phase.HEALTHY) {
            return new HealthDecision(healthy, List.of());
        }
        return new HealthDecision(healthy, List.of(new HealthDecision.Report(true, outcome.message(), 0)));
    }

    private HealthDecision failed(Instant now, CheckOutcome outcome) {
        if (inGracePeriod(now)) {
            return new HealthDecision(this, List.of());
        }
        int failures = consecutiveFailures + 1;
        HealthDecision.Report report = new HealthDecision.Report(false, outcome.message(), failures);
        if (failures >= failuresToKill) {
            return new HealthDecision(
                    new HealthCheckState(Phase.KILLED, failures, startedAt, gracePeriod, failuresToKill),
                    List.of(report, new HealthDecision.Kill(killMessage(failures, outcome))));
        }
        return new HealthDecision(
                new HealthCheckState(Phase.FAILING, failures, startedAt, gracePeriod, failuresToKill),
                List.of(report));
    }

    private static String killMessage(int failures, CheckOutcome outcome) {
        return "Health check failed " + failures + (failures == 1 ? " time: " : " times in a row: ")
                + outcome.message();
    }
}
