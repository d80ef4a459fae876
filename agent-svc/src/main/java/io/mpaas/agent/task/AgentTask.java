package io.mpaas.agent.task;

import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.agent.container.ContainerKind;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.Task;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One task on this agent: what was launched, where its sandbox is, its container once it runs,
 * and its condition. The condition changes only through {@link TaskLifecycle}, under this
 * object's lock; the container and the health check are set by the runner.
 */
public final class AgentTask {

    /** Statuses kept per task for {@code /state} and re-registration; Mesos keeps them all, a few suffice. */
    private static final int STATUSES_KEPT = 8;

    private final FrameworkInfo framework;
    private final TaskInfo info;
    private final ExecutorId executorId;
    private final ContainerId containerId;
    private final ContainerKind kind;
    private final Path sandbox;
    private final List<TaskStatus> statuses = new ArrayList<>();
    private TaskCondition condition;
    private volatile ContainerHandle container;
    private volatile HealthWatch.Running health;
    private volatile LaunchPreparation.Preparing preparing;
    private Instant finishedAt;
    private boolean containerRemoved;

    AgentTask(FrameworkInfo framework, TaskInfo info, ExecutorId executorId, ContainerId containerId,
            ContainerKind kind, Path sandbox, TaskCondition condition) {
        this.framework = framework;
        this.info = info;
        this.executorId = executorId;
        this.containerId = containerId;
        this.kind = kind;
        this.sandbox = sandbox;
        this.condition = condition;
    }

    public FrameworkId frameworkId() {
        return framework.id();
    }

    public FrameworkInfo framework() {
        return framework;
    }

    public TaskInfo info() {
        return info;
    }

    public TaskId taskId() {
        return info.taskId();
    }

    public ExecutorId executorId() {
        return executorId;
    }

    public ContainerId containerId() {
        return containerId;
    }

    public ContainerKind kind() {
        return kind;
    }

    public Path sandbox() {
        return sandbox;
    }

    /** The running container, or null while launching and after a failed launch. */
    public ContainerHandle container() {
        return container;
    }

    void container(ContainerHandle handle) {
        this.container = handle;
    }

    /** The sandbox preparation under way (the fetch), so that a KILL can cancel it; null outside it. */
    void preparing(LaunchPreparation.Preparing preparation) {
        this.preparing = preparation;
    }

    void cancelPreparation() {
        LaunchPreparation.Preparing current = preparing;
        if (current != null) {
            current.cancel();
        }
    }

    synchronized boolean killRequested() {
        return condition.killRequested();
    }

    HealthWatch.Running health() {
        return health;
    }

    void health(HealthWatch.Running running) {
        this.health = running;
    }

    synchronized TaskCondition condition() {
        return condition;
    }

    synchronized TaskLifecycle.Transition apply(TaskEvent event) {
        TaskLifecycle.Transition t = TaskLifecycle.transition(condition, event);
        condition = t.condition();
        return t;
    }

    public synchronized TaskState state() {
        return condition.reported();
    }

    public synchronized boolean isTerminal() {
        return condition.phase() == TaskPhase.DONE;
    }

    synchronized void recordStatus(TaskStatus status, Instant now) {
        statuses.add(status);
        if (statuses.size() > STATUSES_KEPT) {
            statuses.removeFirst();
        }
        if (status.state().isTerminal()) {
            finishedAt = now;
        }
    }

    public synchronized List<TaskStatus> statuses() {
        return List.copyOf(statuses);
    }

    /** When the terminal update was made, or null while the task is live. */
    public synchronized Instant finishedAt() {
        return finishedAt;
    }

    synchronized boolean containerRemoved() {
        return containerRemoved;
    }

    synchronized boolean markContainerRemoved() {
        boolean first = !containerRemoved;
        containerRemoved = true;
        return first;
    }

    /** The task as the agent reports it to the master (re-registration) and in {@code /state}. */
    public synchronized Task asTask(AgentId agent, TaskStatus pendingHead) {
        return new Task(info.name(), info.taskId(), framework.id(), executorId, agent, condition.reported(),
                info.resources(), List.copyOf(statuses), pendingHead == null ? null : pendingHead.state(),
                pendingHead == null ? null : pendingHead.uuid(), info.labels(), info.discovery(), info.container(),
                info.healthCheck(), info.killPolicy(), framework.user());
    }
}
