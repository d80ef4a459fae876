package io.mpaas.marathon.health;

import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.UpgradeStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Decides which of an app's instances that failed their checks too often may be killed now, so that
 * a network blip between the leader and some agents cannot kill a whole app at once (in Marathon it
 * does: every instance fails its checks together and all are killed in the same second).
 *
 * <p>The rule, applied to the candidates in the order given:
 * <ol>
 *   <li>Only running instances are killed; an unreachable or already killed one is skipped (and not
 *       counted as allowed).</li>
 *   <li>The floor is {@code ceil(instances * upgradeStrategy.minimumHealthCapacity)} healthy
 *       instances ({@link Instance#isHealthy}).</li>
 *   <li>While the app has at least the floor of healthy instances, unhealthy candidates are killed
 *       freely: killing them takes nothing healthy away. A candidate that still counts as healthy
 *       (another source says so) is killed only if the healthy count stays at or above the floor.</li>
 *   <li>Below the floor (many failing at once: a blip, or a truly broken app), one unhealthy
 *       candidate per {@code pause} is killed. The app is never stuck, it gets replaced one
 *       instance at a time, and a blip shorter than {@code maxConsecutiveFailures} intervals plus
 *       the pause costs at most one instance.</li>
 * </ol>
 * With {@code minimumHealthCapacity=0} the floor is 0, so every candidate is killed at once: the
 * app's owner said it may lose everything.
 *
 * @param checkCount            all of the app's checks (marathon- and agent-run), for {@link Instance#isHealthy}
 * @param instances             the app's target instance count
 * @param minimumHealthCapacity the share of {@code instances} that should stay healthy
 * @param pause                 time between two kills while the app is below the floor
 */
public record HealthKillLimiter(int checkCount, int instances, double minimumHealthCapacity, Duration pause) {

    /** The limiter for {@code app}, pausing {@code pause} between kills below the floor. */
    public static HealthKillLimiter of(App app, Duration pause) {
        UpgradeStrategy strategy = app.upgradeStrategy() == null ? UpgradeStrategy.DEFAULT : app.upgradeStrategy();
        double capacity = strategy.minimumHealthCapacity() == null ? 1.0 : strategy.minimumHealthCapacity();
        int checks = app.healthChecks() == null ? 0 : app.healthChecks().size();
        return new HealthKillLimiter(checks, app.instanceCount(), capacity, pause);
    }

    /** Healthy instances the app keeps before kills slow down to one per pause. */
    public int minimumHealthy() {
        // The epsilon keeps 10 * 0.3 (= 3.0000000000000004) from rounding up to 4.
        return (int) Math.ceil(instances * minimumHealthCapacity - 1e-9);
    }

    /**
     * The candidates that may be killed now.
     *
     * @param appInstances every instance of the app, with their newest health results
     * @param candidates   instances whose checks asked for a kill
     * @param lastKillAt   when the last health-check kill of this app happened; null if never
     */
    public List<Instance> allowed(Collection<Instance> appInstances, List<Instance> candidates, Instant lastKillAt,
            Instant now) {
        int floor = minimumHealthy();
        long healthy = appInstances.stream().filter(i -> i.isHealthy(checkCount)).count();
        boolean slowSlotFree = lastKillAt == null || !now.isBefore(lastKillAt.plus(pause));
        List<Instance> allowed = new ArrayList<>();
        for (Instance candidate : candidates) {
            if (candidate.condition() != Condition.RUNNING) {
                continue;
            }
            if (candidate.isHealthy(checkCount)) {
                if (healthy - 1 >= floor) {
                    healthy--;
                    allowed.add(candidate);
                }
            } else if (healthy >= floor) {
                allowed.add(candidate);
            } else if (slowSlotFree) {
                slowSlotFree = false;
                allowed.add(candidate);
            }
        }
        return List.copyOf(allowed);
    }
}
