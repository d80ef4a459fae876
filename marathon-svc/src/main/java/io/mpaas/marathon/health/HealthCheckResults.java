package io.mpaas.marathon.health;

import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.protocol.marathon.MarathonTask.HealthCheckResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The state machine of one marathon-run check of one instance (Marathon's {@code HealthCheckActor}
 * logic, section 5.2 of the reference): a pure {@link #next} from the previous result and a probe's
 * outcome to the new result and what must follow from it. The caller records the result first and
 * then carries out the effects.
 *
 * <p>States, as the result shows them:
 * <ul>
 *   <li><b>unknown</b> ({@link #initial}): never checked, or every failure so far fell in the grace
 *       period; {@code alive=false}, no timestamps. May follow: alive, failing.</li>
 *   <li><b>alive</b>: the last counted probe passed; {@code consecutiveFailures=0}. May follow: failing.</li>
 *   <li><b>failing</b>: the last counted probe failed; {@code consecutiveFailures} says how often in a
 *       row. May follow: alive, failing (one more), and asks for a kill from
 *       {@code maxConsecutiveFailures} on.</li>
 * </ul>
 *
 * <p><b>Kill rule</b>: a counted failure asks for a kill when the new consecutive count is at least
 * {@code maxConsecutiveFailures}, so with the default 3 the third failure in a row asks. This is
 * what Marathon's documentation promises ("failures after which the task is killed"); Marathon 1.10
 * compares the count from before the failure and so kills on the fourth. Every later failure asks
 * again, so a kill the {@link HealthKillLimiter} postpones is asked for on the next check.
 * {@code maxConsecutiveFailures=0} never asks.
 */
public final class HealthCheckResults {

    private HealthCheckResults() {
    }

    /** What a step asks for besides recording the new result. */
    public sealed interface Effect {
    }

    /** Publish {@code failed_health_check_event}: the failure counted. */
    public record FailedCheck() implements Effect {
    }

    /** Publish {@code health_status_changed_event}: the check flipped between alive and not alive. */
    public record AliveChanged(boolean alive) implements Effect {
    }

    /** Kill the instance, with this reason (the last failure cause), if the kill limiter allows. */
    public record Kill(String reason) implements Effect {
    }

    /** The new result and its effects, in the order they are to be carried out. */
    public record Step(HealthCheckResult result, List<Effect> effects) {
        public Step {
            Objects.requireNonNull(result, "result");
            effects = List.copyOf(effects);
        }
    }

    /** The result of a check that has not run yet: not alive, nothing known. */
    public static HealthCheckResult initial(String instanceId) {
        return new HealthCheckResult(false, 0, null, null, null, null, instanceId);
    }

    /**
     * Applies one probe outcome.
     *
     * @param previous     the last result ({@link #initial} when there is none)
     * @param now          when the probe finished
     * @param runningSince when the instance became running: the start of the grace period
     */
    public static Step next(HealthCheckResult previous, Outcome outcome, Instant now, Instant runningSince,
            MarathonHealthCheck check) {
        return switch (outcome) {
            case Outcome.Ignored ignored -> new Step(previous, List.of());
            case Outcome.Healthy healthy -> passed(previous, now);
            case Outcome.Unhealthy unhealthy -> inGracePeriod(previous, now, runningSince, check)
                    ? new Step(previous, List.of())
                    : failed(previous, unhealthy.cause(), now, check);
        };
    }

    /** A failure does not count while the instance never passed and is younger than the grace period. */
    static boolean inGracePeriod(HealthCheckResult previous, Instant now, Instant runningSince,
            MarathonHealthCheck check) {
        return previous.firstSuccess() == null && runningSince != null
                && now.isBefore(runningSince.plus(check.gracePeriod()));
    }

    private static Step passed(HealthCheckResult previous, Instant now) {
        String at = MarathonTime.format(now);
        HealthCheckResult result = new HealthCheckResult(true, 0,
                previous.firstSuccess() == null ? at : previous.firstSuccess(), at,
                previous.lastFailure(), previous.lastFailureCause(), previous.instanceId());
        return new Step(result, previous.alive() ? List.of() : List.of(new AliveChanged(true)));
    }

    private static Step failed(HealthCheckResult previous, String cause, Instant now, MarathonHealthCheck check) {
        int failures = previous.consecutiveFailures() + 1;
        HealthCheckResult result = new HealthCheckResult(false, failures, previous.firstSuccess(),
                previous.lastSuccess(), MarathonTime.format(now), cause, previous.instanceId());
        List<Effect> effects = new ArrayList<>();
        effects.add(new FailedCheck());
        if (previous.alive()) {
            effects.add(new AliveChanged(false));
        }
        if (check.maxConsecutiveFailures() > 0 && failures >= check.maxConsecutiveFailures()) {
            effects.add(new Kill(cause));
        }
        return new Step(result, effects);
    }
}
