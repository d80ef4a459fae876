package io.mpaas.marathon.app;

import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.TaskRenderer;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.TaskStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code taskStats} of one app: the tasks split by whether they started after the last scaling and
 * whether they run the current configuration, with counts and how long they have been running. A task
 * runs the current configuration when its instance's {@code configVersion} is the app's
 * {@code lastConfigChangeAt}; Marathon compares the task's version with it instead, which says the same
 * except after a rollback, where tasks of the abandoned (later) configuration are outdated here.
 */
final class TaskStatistics {

    private TaskStatistics() {
    }

    static TaskStats of(App app, Collection<Instance> instances, Instant now) {
        List<Instance> tasks = instances.stream().filter(TaskRenderer::isTask).toList();
        Instant lastScaling = instant(app.versionInfo() == null ? app.version() : app.versionInfo().lastScalingAt());
        Instant lastConfig = app.version() == null ? null : AppVersioning.configVersion(app);
        return new TaskStats(
                entry(app, tasks, i -> lastScaling != null && i.stagedAt() != null
                        && !i.stagedAt().isBefore(lastScaling), now),
                entry(app, tasks, i -> lastConfig == null || i.hasConfig(lastConfig), now),
                entry(app, tasks, i -> lastConfig != null && !i.hasConfig(lastConfig), now),
                entry(app, tasks, i -> true, now));
    }

    private static Instant instant(String timestamp) {
        return timestamp == null ? null : MarathonTime.parse(timestamp);
    }

    /** The set's statistics, or null (left out) when no task is in it. */
    private static TaskStats.Entry entry(App app, List<Instance> tasks, Predicate<Instance> member, Instant now) {
        List<Instance> selected = tasks.stream().filter(member).toList();
        if (selected.isEmpty()) {
            return null;
        }
        List<Double> lifeTimes = new ArrayList<>();
        for (Instance task : selected) {
            if (task.startedAt() != null) {
                lifeTimes.add(Duration.between(task.startedAt(), now).toMillis() / 1000.0);
            }
        }
        return new TaskStats.Entry(new TaskStats.Stats(TaskCounts.of(app, selected).toWire(), lifeTime(lifeTimes)));
    }

    private static TaskStats.LifeTime lifeTime(List<Double> seconds) {
        if (seconds.isEmpty()) {
            return null;
        }
        List<Double> sorted = seconds.stream().sorted().toList();
        double average = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return new TaskStats.LifeTime(average, median);
    }
}
