package io.mpaas.agent.gc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, purely, what to collect: an exited container once {@code containerRemoveDelay} has
 * passed since its task finished; a sandbox (with the task's checkpoint) once its age exceeds
 * {@code sandboxMaxAge × max(0, 1 − headroom − diskUsage)}, Mesos's formula, so a filling disk
 * shortens the wait down to nothing. Tasks with unacknowledged updates are never collected.
 */
final class GcPlanner {

    /** A finished task as the planner sees it. */
    record Candidate<T>(T task, Instant finishedAt, boolean settled, boolean containerRemoved) {
    }

    sealed interface Action<T> {
        T task();
    }

    record RemoveContainer<T>(T task) implements Action<T> {
    }

    record RemoveSandbox<T>(T task) implements Action<T> {
    }

    private GcPlanner() {
    }

    /** The sandbox age allowed at this disk usage (0..1). */
    static Duration sandboxAge(GcProperties properties, double diskUsage) {
        double factor = Math.max(0, 1 - properties.diskHeadroom() - diskUsage);
        return Duration.ofMillis((long) (properties.sandboxMaxAge().toMillis() * factor));
    }

    static <T> List<Action<T>> plan(Instant now, double diskUsage, GcProperties properties,
            List<Candidate<T>> candidates) {
        Duration sandboxAge = sandboxAge(properties, diskUsage);
        List<Action<T>> actions = new ArrayList<>();
        for (Candidate<T> c : candidates) {
            if (!c.settled() || c.finishedAt() == null) {
                continue;
            }
            if (!now.isBefore(c.finishedAt().plus(sandboxAge))) {
                actions.add(new RemoveSandbox<>(c.task()));
            } else if (!c.containerRemoved() && !now.isBefore(c.finishedAt().plus(properties.containerRemoveDelay()))) {
                actions.add(new RemoveContainer<>(c.task()));
            }
        }
        return actions;
    }
}
