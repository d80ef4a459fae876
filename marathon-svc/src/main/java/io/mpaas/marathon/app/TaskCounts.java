package io.mpaas.marathon.app;

import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.TaskRenderer;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.TaskStats;
import java.util.Collection;

/**
 * How an app's tasks stand: staged (launched, not yet running), running, and of the running ones
 * healthy and unhealthy. Health only counts for an app with health checks; a running task whose
 * checks have no result yet is neither.
 */
record TaskCounts(int staged, int running, int healthy, int unhealthy) {

    static TaskCounts of(App app, Collection<Instance> instances) {
        int checks = app.healthChecks() == null ? 0 : app.healthChecks().size();
        int staged = 0;
        int running = 0;
        int healthy = 0;
        int unhealthy = 0;
        for (Instance instance : instances) {
            if (!TaskRenderer.isTask(instance)) {
                continue;
            }
            switch (instance.condition()) {
                case PROVISIONED, STAGING, STARTING -> staged++;
                case RUNNING -> {
                    running++;
                    if (checks > 0) {
                        if (instance.isHealthy(checks)) {
                            healthy++;
                        } else if (failsACheck(instance)) {
                            unhealthy++;
                        }
                    }
                }
                default -> {
                    // Killing and unreachable tasks count in none of the four.
                }
            }
        }
        return new TaskCounts(staged, running, healthy, unhealthy);
    }

    private static boolean failsACheck(Instance instance) {
        return Boolean.FALSE.equals(instance.healthy())
                || instance.healthResults().stream().anyMatch(result -> !result.alive());
    }

    TaskStats.Counts toWire() {
        return new TaskStats.Counts(staged, running, healthy, unhealthy);
    }
}
