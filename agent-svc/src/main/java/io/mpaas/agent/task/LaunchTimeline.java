package io.mpaas.agent.task;

import java.util.ArrayList;
import java.util.List;

/**
 * How long each step of one launch took, for the DEBUG line of the {@code io.mpaas.agent.launch-timing}
 * logger ("Launch timing of task t: checkpoint=0 starting=1 queued=3 ..."), which the launch benchmark
 * sums up per step. Only measures (monotonic time); nothing is decided from it.
 */
final class LaunchTimeline {

    private final List<String> steps = new ArrayList<>();
    private long last = System.nanoTime();

    /** Ends the step {@code name} now; the next step starts. */
    synchronized void mark(String name) {
        long now = System.nanoTime();
        steps.add(name + "=" + (now - last) / 1_000_000);
        last = now;
    }

    @Override
    public synchronized String toString() {
        return String.join(" ", steps);
    }
}
