package io.mpaas.agent.gc;

import io.mpaas.agent.Ticker;
import io.mpaas.agent.checkpoint.Checkpoints;
import io.mpaas.agent.task.AgentTask;
import io.mpaas.agent.task.AgentTasks;
import io.mpaas.agent.task.TaskCleanup;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Every {@code interval}, carries out what {@link GcPlanner} decides for the finished tasks. */
@Component
public class GarbageCollector implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);

    private final AgentTasks tasks;
    private final TaskCleanup cleanup;
    private final Checkpoints checkpoints;
    private final GcProperties properties;
    private final Clock clock;
    private final Ticker ticker;

    public GarbageCollector(AgentTasks tasks, TaskCleanup cleanup, Checkpoints checkpoints, GcProperties properties,
            Clock clock) {
        this.tasks = tasks;
        this.cleanup = cleanup;
        this.checkpoints = checkpoints;
        this.properties = properties;
        this.clock = clock;
        this.ticker = new Ticker("agent-gc", properties.interval(), this::collect);
    }

    /** One round; returns how many actions were taken. */
    public int collect() {
        List<GcPlanner.Candidate<AgentTask>> candidates = new ArrayList<>();
        for (AgentTask t : tasks.all()) {
            if (t.isTerminal()) {
                candidates.add(new GcPlanner.Candidate<>(t, t.finishedAt(), cleanup.settled(t),
                        cleanup.containerRemoved(t)));
            }
        }
        List<GcPlanner.Action<AgentTask>> actions = GcPlanner.plan(clock.instant(), diskUsage(), properties,
                candidates);
        for (GcPlanner.Action<AgentTask> action : actions) {
            try {
                switch (action) {
                    case GcPlanner.RemoveContainer<AgentTask> r -> cleanup.removeContainer(r.task());
                    case GcPlanner.RemoveSandbox<AgentTask> r -> {
                        log.info("Removing the sandbox of finished task {}: {}", r.task().taskId(),
                                r.task().sandbox());
                        cleanup.forget(r.task());
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Garbage collection of task {} failed: {}", action.task().taskId(), e.toString());
            }
        }
        return actions.size();
    }

    private double diskUsage() {
        try {
            Files.createDirectories(checkpoints.sandboxRoot());
            FileStore store = Files.getFileStore(checkpoints.sandboxRoot());
            long total = store.getTotalSpace();
            return total == 0 ? 0 : 1.0 - (double) store.getUsableSpace() / total;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void start() {
        ticker.start();
    }

    @Override
    public void stop() {
        ticker.stop();
    }

    @Override
    public boolean isRunning() {
        return ticker.isRunning();
    }
}
