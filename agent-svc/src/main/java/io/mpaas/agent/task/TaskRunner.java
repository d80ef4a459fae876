package io.mpaas.agent.task;

import io.mpaas.agent.checkpoint.Checkpoints;
import io.mpaas.agent.checkpoint.TaskCheckpoint;
import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.agent.container.ContainerKind;
import io.mpaas.agent.container.LaunchFailure;
import io.mpaas.agent.machine.AgentIdentity;
import io.mpaas.agent.status.StatusUpdates;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.KillPolicy;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the tasks the master sends: checkpoints each launch, reports TASK_STARTING, has the
 * {@link TaskLauncher} fetch the URIs and start the container on the task's own virtual thread,
 * reports TASK_RUNNING, waits for the exit and reports the terminal state; kills on request with
 * the kill policy's grace period (a kill during the launch cancels the fetch). Every decision
 * comes from {@link TaskLifecycle}; this class only carries its side effects out.
 */
@Component
public class TaskRunner {

    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);
    /** Per-launch step durations at DEBUG (see {@link LaunchTimeline}); off unless asked for. */
    private static final Logger timing = LoggerFactory.getLogger("io.mpaas.agent.launch-timing");

    private final AgentTasks tasks;
    private final TaskLauncher launcher;
    private final StatusUpdates updates;
    private final Checkpoints checkpoints;
    private final HealthWatch health;
    private final AgentIdentity identity;
    private final TaskReporter reporter;
    private final TaskProperties properties;
    private final Clock clock;

    TaskRunner(AgentTasks tasks, TaskLauncher launcher, StatusUpdates updates, Checkpoints checkpoints,
            HealthWatch health, AgentIdentity identity, TaskProperties properties, TaskCounters counters, Clock clock) {
        this.tasks = tasks;
        this.launcher = launcher;
        this.updates = updates;
        this.checkpoints = checkpoints;
        this.health = health;
        this.identity = identity;
        this.properties = properties;
        this.clock = clock;
        this.reporter = new TaskReporter(updates, identity, clock, counters);
    }

    /** LAUNCH: one task (of a group when {@code executor} is given: each task of a group runs in its own container). */
    public void launch(FrameworkInfo framework, TaskInfo info, ExecutorId executor) {
        if (tasks.get(info.taskId()).isPresent()) {
            log.warn("Ignoring a second launch of task {}", info.taskId());
            return;
        }
        ContainerId containerId = ContainerId.of(UUID.randomUUID().toString());
        ExecutorId executorId = executor != null ? executor : ExecutorId.of(info.taskId().value());
        ContainerKind kind = ContainerKind.of(info);
        Path sandbox = sandboxOf(framework.id(), executorId, containerId);
        AgentTask task = new AgentTask(framework, info, executorId, containerId, kind, sandbox,
                TaskCondition.launching(framework.hasCapability(FrameworkInfo.Capability.Type.TASK_KILLING_STATE)));
        LaunchTimeline timeline = new LaunchTimeline();
        checkpoints.saveFramework(framework);
        Instant launchedAt = clock.instant();
        Checkpoints.SavedTask saved = checkpoints.saveTask(new TaskCheckpoint(framework.id(), executorId, info,
                containerId, kind, sandbox.toString(), launchedAt.toEpochMilli() / 1000.0));
        timeline.mark("checkpoint");
        updates.track(framework.id(), info.taskId(), saved.log(), List.of());
        tasks.add(task);
        reporter.report(task, new SideEffect.Report(TaskState.TASK_STARTING, null, null, null));
        timeline.mark("starting");
        Thread.ofVirtual().name("task-" + info.taskId().value())
                .start(() -> run(task, launchedAt, saved.written(), timeline));
    }

    /** The sandbox of a container, in Mesos's layout (what {@code /state} reports as the executor's directory). */
    Path sandboxOf(FrameworkId framework, ExecutorId executor, ContainerId container) {
        return checkpoints.sandboxRoot().resolve(Checkpoints.fileName(identity.agentId().value()))
                .resolve("frameworks").resolve(Checkpoints.fileName(framework.value()))
                .resolve("executors").resolve(Checkpoints.fileName(executor.value()))
                .resolve("runs").resolve(container.value());
    }

    /**
     * The launch on the task's own thread: has the container prepared and, once the launch checkpoint is on
     * disk, started; reports RUNNING, then follows the container until it exits.
     */
    private void run(AgentTask task, Instant launchedAt, Future<Void> checkpointed, LaunchTimeline timeline) {
        timeline.mark("queued");
        ContainerHandle container;
        try {
            container = launcher.launch(task, () -> {
                awaitCheckpoint(checkpointed);
                timeline.mark("checkpointed");
            });
        } catch (CancellationException killed) {
            log.info("Task {} was killed before its container started", task.taskId());
            apply(task, new TaskEvent.LaunchCancelled());
            return;
        } catch (LaunchFailure failure) {
            log.info("Task {} could not be launched: {}", task.taskId(), failure.getMessage());
            apply(task, new TaskEvent.LaunchFailed(failure.state(), failure.reason(), failure.getMessage()));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            log.error("Launching task {} failed", task.taskId(), e);
            apply(task, new TaskEvent.LaunchFailed(TaskState.TASK_FAILED,
                    TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED, "Launch failed: " + e));
            return;
        }
        task.container(container);
        timeline.mark("launch");
        apply(task, new TaskEvent.Started());
        timeline.mark("running");
        timing.debug("Launch timing of task {}: {}", task.taskId().value(), timeline);
        enforceCompletionTime(task, launchedAt);
        awaitExit(task, container);
    }

    /**
     * Nothing of a task runs before its launch checkpoint is in place: a restarted agent must know it. (Its
     * container may be created meanwhile: one the agent dies with before the checkpoint is on disk is an
     * orphan, never started, that recovery removes.)
     */
    private static void awaitCheckpoint(Future<Void> checkpointed) throws LaunchFailure, InterruptedException {
        try {
            checkpointed.get();
        } catch (ExecutionException e) {
            throw LaunchFailure.failed("Cannot checkpoint the task: " + e.getCause(), e.getCause());
        }
    }

    /**
     * {@code max_completion_time}: a task still running that long after its launch began is killed (its kill
     * policy's grace applies) and fails with REASON_MAX_COMPLETION_TIME_REACHED. Also for recovered tasks, from
     * their checkpointed launch time.
     */
    void enforceCompletionTime(AgentTask task, Instant launchedAt) {
        if (task.info().maxCompletionTime() == null) {
            return;
        }
        Duration max = task.info().maxCompletionTime().toDuration();
        Instant deadline = launchedAt.plus(max);
        Thread.ofVirtual().name("deadline-" + task.taskId().value()).start(() -> {
            try {
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isPositive()) {
                    Thread.sleep(left);
                }
                apply(task, new TaskEvent.CompletionTimeReached(grace(task, null), max));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Waits for the container's end on the calling (virtual) thread and reports it. */
    void awaitExit(AgentTask task, ContainerHandle container) {
        try {
            var exit = container.awaitExit();
            apply(task, new TaskEvent.Exited(exit, StderrTail.of(task.sandbox(), properties.stderrTailLines())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (AwaitedContainer.Vanished e) {
            TaskState lost = task.framework().isPartitionAware() ? TaskState.TASK_GONE : TaskState.TASK_LOST;
            apply(task, new TaskEvent.Vanished(lost, e.getMessage()));
        } catch (RuntimeException e) {
            log.error("Waiting for the container of task {} failed", task.taskId(), e);
            apply(task, new TaskEvent.Vanished(TaskState.TASK_FAILED, "Lost track of the container: " + e));
        }
    }

    /** KILL from the framework; an unknown or finished task is left to the master's reconciliation, as in Mesos. */
    public void kill(FrameworkId framework, TaskId taskId, KillPolicy policy) {
        tasks.get(taskId).ifPresentOrElse(task -> apply(task, new TaskEvent.KillRequested(grace(task, policy))),
                () -> log.info("KILL of unknown task {} of framework {}", taskId, framework));
    }

    /** SHUTDOWN_FRAMEWORK: the framework is gone; every task of it is killed. */
    public void shutdownFramework(FrameworkId framework) {
        for (AgentTask task : tasks.ofFramework(framework)) {
            apply(task, new TaskEvent.KillRequested(grace(task, null)));
        }
    }

    /** SHUTDOWN_EXECUTOR: every task of that executor is killed. */
    public void shutdownExecutor(FrameworkId framework, ExecutorId executor) {
        for (AgentTask task : tasks.ofFramework(framework)) {
            if (task.executorId().equals(executor)) {
                apply(task, new TaskEvent.KillRequested(grace(task, null)));
            }
        }
    }

    /** The acknowledgement of a status update. */
    public void acknowledge(TaskId task, String uuid) {
        updates.acknowledge(task, uuid);
    }

    private Duration grace(AgentTask task, KillPolicy fromKill) {
        KillPolicy policy = fromKill != null && fromKill.gracePeriod() != null ? fromKill : task.info().killPolicy();
        if (policy != null && policy.gracePeriod() != null) {
            return Duration.ofNanos(Math.max(0, policy.gracePeriod().nanoseconds()));
        }
        return properties.killGracePeriod();
    }

    /** Feeds an event to the task's lifecycle and carries out what it decides. */
    void apply(AgentTask task, TaskEvent event) {
        TaskLifecycle.Transition t = task.apply(event);
        for (SideEffect effect : t.effects()) {
            switch (effect) {
                case SideEffect.Report report -> reporter.report(task, report);
                case SideEffect.KillContainer kill -> killContainer(task, kill.grace());
                case SideEffect.CancelLaunch ignored -> task.cancelPreparation();
                case SideEffect.StartHealthCheck ignored -> startHealthCheck(task);
                case SideEffect.StopHealthCheck ignored -> stopHealthCheck(task);
            }
        }
    }

    private void killContainer(AgentTask task, Duration grace) {
        ContainerHandle container = task.container();
        if (container != null) {
            Thread.ofVirtual().name("kill-" + task.taskId().value()).start(() -> container.kill(grace));
        }
    }

    void startHealthCheck(AgentTask task) {
        if (task.info().healthCheck() == null || task.container() == null) {
            return;
        }
        task.health(health.start(task.taskId(), task.info().healthCheck(), task.container(),
                new HealthWatch.Listener() {
                    @Override
                    public void healthChanged(boolean healthy, String message) {
                        apply(task, new TaskEvent.HealthChanged(healthy, message));
                    }

                    @Override
                    public void unhealthy(String message) {
                        apply(task, new TaskEvent.Unhealthy(grace(task, null), message));
                    }
                }));
    }

    private void stopHealthCheck(AgentTask task) {
        HealthWatch.Running running = task.health();
        if (running != null) {
            running.stop();
            task.health(null);
        }
    }
}
