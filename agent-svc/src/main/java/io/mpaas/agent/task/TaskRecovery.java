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
import java.time.Instant;
import java.util.EnumMap;
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
 */
@Component
public class TaskRecovery {

    private static final Logger log = LoggerFactory.getLogger(TaskRecovery.class);

    private final Checkpoints checkpoints;
    private final Containerizers containerizers;
    private final AgentTasks tasks;
    private final StatusUpdates updates;
    private final TaskRunner runner;
    private final AgentIdentity identity;

    public TaskRecovery(Checkpoints checkpoints, Containerizers containerizers, AgentTasks tasks,
            StatusUpdates updates, TaskRunner runner, AgentIdentity identity) {
        this.checkpoints = checkpoints;
        this.containerizers = containerizers;
        this.tasks = tasks;
        this.updates = updates;
        this.runner = runner;
        this.identity = identity;
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
        Map<ContainerId, ContainerHandle> found = new java.util.HashMap<>();
        Set<ContainerKind> unavailable = java.util.EnumSet.noneOf(ContainerKind.class);
        for (Containerizer containerizer : containerizers.all()) {
            Set<ContainerId> ids = known.getOrDefault(containerizer.kind(), Set.of());
            if (!containerizer.available()) {
                unavailable.add(containerizer.kind());
                if (!ids.isEmpty()) {
                    log.error("The {} containerizer is not available: its {} checkpointed containers cannot be"
                            + " recovered", containerizer.kind(), ids.size());
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
            String vanished = unavailable.contains(r.task().checkpoint().kind())
                    ? "The " + r.task().checkpoint().kind().name().toLowerCase() + " containerizer was not available"
                            + " when the agent restarted, so the task's container could not be recovered"
                    : "The task's container vanished while the agent was not running";
            if (restore(r, framework, found.get(r.task().checkpoint().containerId()), vanished)) {
                reattached++;
            }
        }
        log.info("Recovery done: {} task(s) checkpointed, {} re-attached", recovered.size(), reattached);
        return reattached;
    }

    private boolean restore(Checkpoints.Recovered r, FrameworkInfo framework, ContainerHandle container,
            String vanished) {
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
            runner.apply(task, new TaskEvent.Vanished(state, vanished));
            return false;
        }
        task.container(container);
        if (phase == TaskPhase.LAUNCHING) {
            runner.apply(task, new TaskEvent.Started());
        } else if (phase == TaskPhase.RUNNING) {
            runner.startHealthCheck(task);
        }
        Thread.ofVirtual().name("task-" + c.task().taskId().value()).start(() -> runner.awaitExit(task, container));
        return true;
    }

}
