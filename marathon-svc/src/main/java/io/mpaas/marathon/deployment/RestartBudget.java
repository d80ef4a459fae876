package io.mpaas.marathon.deployment;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.UpgradeStrategy;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The arithmetic of a rolling restart (Marathon's {@code TaskReplaceActor}): how many old instances
 * may be killed and how many new ones started at this moment, under the app's upgradeStrategy.
 *
 * <p>Marathon computes a kill budget once when the restart starts and then reacts to events (one
 * more old kill per new instance that turns healthy and ready, more launches per old instance that
 * ends). This class gives the same result from the current counts alone, so the restart can be
 * resumed by a new leader and recomputed after every instance change:
 * <ul>
 *   <li>{@code minHealthy = ceil(n × minimumHealthCapacity)} and
 *       {@code maxCapacity = floor(n × (1 + maximumOverCapacity))}, both computed in decimal so that
 *       {@code 10 × 0.3} is 3, not 4;</li>
 *   <li>old instances may be killed while the old ones still serving plus the new healthy-and-ready
 *       ones stay at or above {@code minHealthy}; the caller kills unhealthy old instances first, so a
 *       healthy one only goes once no unhealthy old one is left and health never drops below
 *       {@code minHealthy} through a kill. More than {@code n} old instances (after a forced
 *       deployment) are therefore killed at once;</li>
 *   <li>new instances may be started up to {@code n}, while old active plus new stays within
 *       {@code maxCapacity};</li>
 *   <li>when {@code minHealthy == maxCapacity}, one extra instance is allowed ({@code maxCapacity + 1}),
 *       or a restart at full capacity could never begin: nothing old may go before something new is
 *       healthy, and nothing new fits. Marathon adds the extra only when capacity is full at the
 *       start; if it is not, starting fills it and the extra is needed all the same, so it is granted
 *       up front here, which keeps the answer the same before and after the starts are recorded.
 *       (Resident apps, which kill one more instead, are not supported.)</li>
 * </ul>
 *
 * @param instances             {@code n}, the target instance count
 * @param minimumHealthCapacity fraction of {@code n} that must stay healthy, 0..1
 * @param maximumOverCapacity   fraction of {@code n} that may run on top of {@code n}, 0..1
 */
public record RestartBudget(int instances, double minimumHealthCapacity, double maximumOverCapacity) {

    public RestartBudget {
        if (instances < 0) {
            throw new IllegalArgumentException("instances must not be negative: " + instances);
        }
        if (minimumHealthCapacity < 0 || minimumHealthCapacity > 1) {
            throw new IllegalArgumentException("minimumHealthCapacity must be within 0..1: " + minimumHealthCapacity);
        }
        if (maximumOverCapacity < 0 || maximumOverCapacity > 1) {
            throw new IllegalArgumentException("maximumOverCapacity must be within 0..1: " + maximumOverCapacity);
        }
    }

    /** The budget of an app, with Marathon's defaults (1.0 / 1.0) for a missing upgradeStrategy. */
    public static RestartBudget of(App app) {
        UpgradeStrategy strategy = app.upgradeStrategy() == null ? UpgradeStrategy.DEFAULT : app.upgradeStrategy();
        double minimum = strategy.minimumHealthCapacity() == null ? 1.0 : strategy.minimumHealthCapacity();
        double over = strategy.maximumOverCapacity() == null ? 1.0 : strategy.maximumOverCapacity();
        return new RestartBudget(app.instanceCount(), minimum, over);
    }

    /** Instances that must stay healthy throughout: {@code ceil(n × minimumHealthCapacity)}. */
    public int minHealthy() {
        return BigDecimal.valueOf(instances).multiply(BigDecimal.valueOf(minimumHealthCapacity))
                .setScale(0, RoundingMode.CEILING).intValueExact();
    }

    /** Instances that may run at once: {@code floor(n × (1 + maximumOverCapacity))}. */
    public int maxCapacity() {
        return BigDecimal.valueOf(instances).multiply(BigDecimal.ONE.add(BigDecimal.valueOf(maximumOverCapacity)))
                .setScale(0, RoundingMode.FLOOR).intValueExact();
    }

    /**
     * What may happen now.
     *
     * @param oldServing      old instances still wanted running (goal Running) and launched, healthy or not
     * @param oldActive       old instances holding resources, including those already being killed
     * @param newStarted      new instances wanted running (goal Running), launched or still scheduled
     * @param newHealthyReady new instances that are healthy and ready
     */
    public Allowance allowance(int oldServing, int oldActive, int newStarted, int newHealthyReady) {
        int killOld = Math.clamp((long) oldServing + Math.min(newHealthyReady, instances) - minHealthy(), 0,
                oldServing);
        int capacity = maxCapacity();
        if (minHealthy() == capacity) {
            capacity++;
        }
        int startNew = Math.max(0, Math.min(instances - newStarted, capacity - oldActive - newStarted));
        return new Allowance(killOld, startNew);
    }

    /** How many old instances to kill and new ones to start now, on top of what is under way. */
    public record Allowance(int killOld, int startNew) {
    }
}
