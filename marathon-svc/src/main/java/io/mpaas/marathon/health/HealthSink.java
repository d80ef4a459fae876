package io.mpaas.marathon.health;

import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.MarathonTask.HealthCheckResult;
import java.util.List;

/**
 * Where the marathon-run health checks report: the scheduler stores the results on the instance
 * (persisted when "alive" changes) and carries out kills.
 */
public interface HealthSink {

    /** The new results of every marathon-run check of this instance, in the app's check order. */
    void record(String instanceId, List<HealthCheckResult> results);

    /**
     * Kills an instance that failed its checks too often (reason FailedHealthChecks: the kill
     * raises the app's launch backoff, and the instance is replaced). The checker asks only for
     * kills its {@link HealthKillLimiter} allows, so the app's minimum health capacity is already
     * taken care of; the sink refuses (returns false) only when it cannot kill the instance now,
     * e.g. it is no longer running. A refused kill is asked for again on the next failed check.
     *
     * @return whether the kill was carried out now
     */
    boolean killUnhealthy(Instance instance, String reason);
}
