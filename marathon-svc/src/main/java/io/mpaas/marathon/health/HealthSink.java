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
     * Kills an instance that failed its checks too often, unless that would take the app below
     * its minimum health capacity; then it waits for a later tick.
     *
     * @return whether the kill was carried out now
     */
    boolean killUnhealthy(Instance instance, String reason);
}
