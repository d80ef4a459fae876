package io.mpaas.master.cluster;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.Task;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * A task as the master knows it: an immutable value replaced on every change, so that readers
 * of the state (operator endpoints) can take a consistent snapshot by copying references and
 * serialize it without holding the master's lock. The rendered JSON of a task is cached here.
 */
public final class MasterTask {

    /** At most this many statuses are kept per task; the first and the latest always. */
    static final int MAX_STATUSES = 20;

    private final Task task;
    private final String role;
    private final Resources resources;
    private volatile Object renderedCache;

    public MasterTask(Task task, String role) {
        this.task = task;
        this.role = role;
        this.resources = Resources.of(task.resources());
    }

    public Task task() {
        return task;
    }

    public TaskId id() {
        return task.taskId();
    }

    public FrameworkId frameworkId() {
        return task.frameworkId();
    }

    public AgentId agentId() {
        return task.agentId();
    }

    public TaskState state() {
        return task.state();
    }

    /** The role the task's resources are allocated to. */
    public String role() {
        return role;
    }

    public Resources resources() {
        return resources;
    }

    /** The latest status, or null for a task that has none yet. */
    public TaskStatus latestStatus() {
        List<TaskStatus> statuses = task.statuses();
        return statuses.isEmpty() ? null : statuses.getLast();
    }

    /** The task in {@code state}, with {@code status} appended; {@code pending} is the update the framework must still acknowledge. */
    public MasterTask withStatus(TaskState state, TaskStatus status, boolean pending) {
        List<TaskStatus> statuses = new ArrayList<>(task.statuses());
        statuses.add(status);
        if (statuses.size() > MAX_STATUSES) {
            statuses.remove(1);
        }
        Task t = task;
        Task next = new Task(t.name(), t.taskId(), t.frameworkId(), t.executorId(), t.agentId(), state,
                t.resources(), statuses, pending ? status.state() : t.statusUpdateState(),
                pending ? status.uuid() : t.statusUpdateUuid(), t.labels(), t.discovery(), t.container(),
                t.healthCheck(), t.killPolicy(), t.user());
        return new MasterTask(next, role);
    }

    /** The task with its pending status update acknowledged. */
    public MasterTask acknowledged() {
        Task t = task;
        Task next = new Task(t.name(), t.taskId(), t.frameworkId(), t.executorId(), t.agentId(), t.state(),
                t.resources(), t.statuses(), null, null, t.labels(), t.discovery(), t.container(), t.healthCheck(),
                t.killPolicy(), t.user());
        return new MasterTask(next, role);
    }

    /** The uuid of the update the framework has yet to acknowledge, or null. */
    public String pendingUuid() {
        return task.statusUpdateUuid();
    }

    /** Whether {@link #rendered} has been computed for this task value. */
    public boolean isRendered() {
        return renderedCache != null;
    }

    /** A cached rendering of this (immutable) task, computed once by whoever asks first. */
    @SuppressWarnings("unchecked")
    public <T> T rendered(java.util.function.Function<MasterTask, T> renderer) {
        Object cached = renderedCache;
        if (cached == null) {
            cached = renderer.apply(this);
            renderedCache = cached;
        }
        return (T) cached;
    }
}
