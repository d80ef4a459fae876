package io.mpaas.protocol.marathon;

/**
 * {@code embed=apps.taskStats}: the tasks of an app in four overlapping sets, each left out when no
 * task falls in it.
 *
 * @param startedAfterLastScaling tasks started at or after the app's {@code versionInfo.lastScalingAt}
 * @param withLatestConfig        tasks running the current configuration
 * @param withOutdatedConfig      tasks running an older configuration (a deployment is replacing them)
 * @param totalSummary            every task
 */
public record TaskStats(
        Entry startedAfterLastScaling,
        Entry withLatestConfig,
        Entry withOutdatedConfig,
        Entry totalSummary) {

    /** One set, wrapped in {@code stats} as Marathon writes it. */
    public record Entry(Stats stats) {
    }

    /** @param lifeTime left out when no task of the set has started */
    public record Stats(Counts counts, LifeTime lifeTime) {
    }

    public record Counts(int staged, int running, int healthy, int unhealthy) {
    }

    /** How long the started tasks have been running, in seconds. */
    public record LifeTime(double averageSeconds, double medianSeconds) {
    }
}
