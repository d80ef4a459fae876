package io.mpaas.agent.task;

import io.mpaas.agent.checkpoint.Checkpoints;
import io.mpaas.agent.checkpoint.RecoveredTask;
import io.mpaas.agent.checkpoint.TaskCheckpoint;
import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.agent.container.ContainerKind;
import io.mpaas.agent.container.Containerizer;
import io.mpaas.agent.container.Recovery;
import io.mpaas.agent.machine.AgentIdentity;
import io.mpaas.agent.status.StatusUpdates;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the agent does when its process starts: reads its checkpoints, lets each containerizer
 * find the containers it knew (killing the orphans it did not), re-attaches to the tasks that
 * still run, reports the ones that ended or vanished while it was away, and queues every update
 * the master has not acknowledged. Runs before the agent links to the master, so that its
 * re-registration already reports the recovered tasks.
 *
 * <p>A containerizer that does not answer at that moment (the Docker engine down or restarting)
 * does not make its tasks lost: their containers usually run on. Each such task keeps its last
 * state behind an {@link AwaitedContainer}, and a background thread asks the containerizer again
 * until it answers (then the containers are recovered as above, late) or until
 * {@code mesos.agent.tasks.containerizer-recovery-wait} has passed (then they are reported lost).
 */
@Component
public class TaskRecovery {

    private static final Logger log = LoggerFactory.getLogger(TaskRecovery.class);
    private static final String VANISHED = "The task's container vanished while the agent was not running";

    private final Checkpoints checkpoints;
    private final Containerizers containerizers;
    private final AgentTasks tasks;
    private final StatusUpdates updates;
    private final TaskRunner runner;
    private final AgentIdentity identity;
    private final TaskProperties properties;
    private final Clock clock;

    public TaskRecovery(Checkpoints checkpoints, Containerizers containerizers, AgentTasks tasks,
            StatusUpdates updates, TaskRunner runner, AgentIdentity identity, TaskProperties properties,
            Clock clock) {
        this.checkpoints = checkpoints;
        this.containerizers = containerizers;
        this.tasks = tasks;
        this.updates = updates;
        this.runner = runner;
        this.identity = identity;
        this.properties = properties;
        this.clock = clock;
    }

    /** Recovers everything; returns how many tasks were re-attached. */
    public int recover() throws InterruptedException {
        checkpoints.agent().ifPresent(agent -> {
            identity.assign(agent.id());
            log.info("Recovering as agent {}", agent.id());
        });
        List<Checkpoints.Recovered> recovered = checkpoints.tasks();
        Map<FrameworkId, FrameworkInfo> frameworks = checkpoints.frameworks();
        Map<ContainerKind, Set<ContainerId>> known = new EnumMap<>(ContainerKind.class);
        for (Checkpoints.Recovered r : recovered) {
            TaskCheckpoint c = r.task().checkpoint();
            known.computeIfAbsent(c.kind(), k -> new HashSet<>()).add(c.containerId());
        }
        Map<ContainerId, ContainerHandle> found = new HashMap<>();
        Map<Containerizer, Map<ContainerId, AwaitedContainer>> awaited = new HashMap<>();
        for (Containerizer containerizer : containerizers.all()) {
            Set<ContainerId> ids = known.getOrDefault(containerizer.kind(), Set.of());
            if (!containerizer.available()) {
                if (!ids.isEmpty()) {
                    log.warn("The {} containerizer is not available: its {} checkpointed container(s) keep their"
                            + " state until it answers (at most {})", containerizer.kind(), ids.size(),
                            properties.containerizerRecoveryWait());
                    Map<ContainerId, AwaitedContainer> placeholders = new HashMap<>();
                    ids.forEach(id -> placeholders.put(id, new AwaitedContainer(id)));
                    awaited.put(containerizer, placeholders);
                    found.putAll(placeholders);
                }
                continue;
            }
            Recovery recovery = containerizer.recover(ids);
            found.putAll(recovery.found());
            if (!recovery.orphansKilled().isEmpty()) {
                log.warn("Killed {} orphan container(s) this agent no longer knew: {}", recovery.orphansKilled().size(),
                        recovery.orphansKilled());
            }
        }
        int reattached = 0;
        for (Checkpoints.Recovered r : recovered) {
            FrameworkInfo framework = frameworks.get(r.task().checkpoint().frameworkId());
            if (framework == null) {
                log.warn("Task {} has no checkpointed framework; forgetting it", r.task().checkpoint().task().taskId());
                checkpoints.removeTask(r.task().checkpoint().frameworkId(), r.task().checkpoint().task().taskId());
                continue;
            }
            if (restore(r, framework, found.get(r.task().checkpoint().containerId()))) {
                reattached++;
            }
        }
        awaited.forEach(this::recoverWhenAvailable);
        log.info("Recovery done: {} task(s) checkpointed, {} re-attached", recovered.size(), reattached);
        return reattached;
    }

    /** How often a containerizer that did not answer at the restart is asked again. */
    static final Duration RECHECK_INTERVAL = Duration.ofSeconds(2);

    /**
     * Asks {@code containerizer} again, in the background, until it answers or the wait is over, then settles
     * every placeholder: the container found (health checks start now) or vanished (the task is reported lost).
     */
    private void recoverWhenAvailable(Containerizer containerizer, Map<ContainerId, AwaitedContainer> placeholders) {
        Instant deadline = clock.instant().plus(properties.containerizerRecoveryWait());
        Thread.ofVirtual().name("late-recovery-" + containerizer.kind().name().toLowerCase()).start(() -> {
            try {
                while (!containerizer.available()) {
                    if (!clock.instant().isBefore(deadline)) {
                        String why = "The " + containerizer.kind().name().toLowerCase() + " containerizer did not"
                                + " answer within " + properties.containerizerRecoveryWait() + " of the agent's"
                                + " restart, so the task's container could not be recovered";
                        log.error("{}: {} task(s) reported lost", why, placeholders.size());
                        placeholders.values().forEach(p -> p.vanished(why));
                        return;
                    }
                    Thread.sleep(RECHECK_INTERVAL);
                }
                Recovery recovery = containerizer.recover(placeholders.keySet());
                placeholders.forEach((id, placeholder) -> {
                    ContainerHandle container = recovery.found().get(id);
                    if (container == null) {
                        placeholder.vanished(VANISHED);
                    } else {
                        placeholder.found(container);
                    }
                });
                for (AgentTask task : tasks.all()) {
                    if (task.container() instanceof AwaitedContainer awaitedHere
                            && placeholders.get(task.containerId()) == awaitedHere
                            && recovery.found().containsKey(task.containerId())
                            && task.state() == TaskState.TASK_RUNNING) {
                        runner.startHealthCheck(task);
                    }
                }
                log.info("The {} containerizer answers again: {} of {} awaited container(s) recovered, {} orphan(s)"
                        + " killed", containerizer.kind(), recovery.found().size(), placeholders.size(),
                        recovery.orphansKilled().size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private boolean restore(Checkpoints.Recovered r, FrameworkInfo framework, ContainerHandle container) {
        RecoveredTask rt = r.task();
        TaskCheckpoint c = rt.checkpoint();
        TaskStatus latest = rt.latest();
        TaskState reported = latest == null ? TaskState.TASK_STAGING : latest.state();
        TaskPhase phase = reported.isTerminal() ? TaskPhase.DONE
                : reported == TaskState.TASK_RUNNING ? TaskPhase.RUNNING
                : reported == TaskState.TASK_KILLING ? TaskPhase.KILLING : TaskPhase.LAUNCHING;
        boolean reportsKilling = framework.hasCapability(FrameworkInfo.Capability.Type.TASK_KILLING_STATE);
        TaskCondition condition = TaskCondition.recovered(phase, reported, latest == null ? null : latest.healthy(),
                reportsKilling);
        if (phase == TaskPhase.KILLING) {
            condition = condition.killing(java.time.Duration.ZERO, null);
        }
        AgentTask task = new AgentTask(framework, c.task(), c.executorId(), c.containerId(), c.kind(),
                Path.of(c.sandbox()), condition);
        for (TaskStatus status : rt.updates()) {
            task.recordStatus(status, Instant.ofEpochMilli((long) ((status.timestamp() == null ? 0
                    : status.timestamp()) * 1000)));
        }
        updates.track(c.frameworkId(), c.task().taskId(), r.log(), rt.unacknowledged());
        tasks.add(task);
        if (phase == TaskPhase.DONE) {
            return false;
        }
        if (container == null) {
            TaskState state = framework.isPartitionAware() ? TaskState.TASK_GONE : TaskState.TASK_LOST;
            runner.apply(task, new TaskEvent.Vanished(state, VANISHED));
            return false;
        }
        task.container(container);
        if (phase == TaskPhase.LAUNCHING) {
            runner.apply(task, new TaskEvent.Started());
        } else if (phase == TaskPhase.RUNNING && !(container instanceof AwaitedContainer)) {
            runner.startHealthCheck(task);
        }
        if (phase != TaskPhase.KILLING) {
            runner.enforceCompletionTime(task, Instant.ofEpochMilli((long) (c.launchedAt() * 1000)));
        }
        Thread.ofVirtual().name("task-" + c.task().taskId().value()).start(() -> runner.awaitExit(task, container));
        return true;
    }

}
