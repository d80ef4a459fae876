package io.mpaas.testkit.agent;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.Task;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/** A task on a {@link SimulatedAgent}: its state and its queue of updates awaiting acknowledgement. */
final class SimulatedTask {

    private final FrameworkId frameworkId;
    private final TaskInfo info;
    private final Deque<TaskStatus> unacknowledged = new ArrayDeque<>();
    private final List<TaskStatus> statuses = new ArrayList<>();
    private TaskState state = TaskState.TASK_STAGING;

    SimulatedTask(FrameworkId frameworkId, TaskInfo info) {
        this.frameworkId = frameworkId;
        this.info = info;
    }

    FrameworkId frameworkId() {
        return frameworkId;
    }

    synchronized TaskState state() {
        return state;
    }

    synchronized int pending() {
        return unacknowledged.size();
    }

    /** Moves to {@code next} and queues a reliable update; null when the task is already terminal. */
    synchronized TaskStatus transition(TaskState next) {
        if (state.isTerminal()) {
            return null;
        }
        state = next;
        TaskStatus status = new TaskStatus(info.taskId(), next, null, TaskStatus.Source.SOURCE_EXECUTOR, null, null,
                info.agentId(), null, System.currentTimeMillis() / 1000.0, uuid(), null, null, null, null, null,
                null);
        unacknowledged.addLast(status);
        statuses.add(status);
        return status;
    }

    synchronized TaskStatus head() {
        return unacknowledged.peekFirst();
    }

    /** True when {@code uuid} acknowledged the head and another update is waiting. */
    synchronized boolean acknowledge(String uuid) {
        TaskStatus head = unacknowledged.peekFirst();
        if (head == null || !head.uuid().equals(uuid)) {
            return false;
        }
        unacknowledged.removeFirst();
        return !unacknowledged.isEmpty();
    }

    synchronized Task asTask(AgentId agentId) {
        TaskStatus pendingHead = unacknowledged.peekFirst();
        return new Task(info.name(), info.taskId(), frameworkId, null, agentId, state, info.resources(),
                List.copyOf(statuses), pendingHead == null ? null : pendingHead.state(),
                pendingHead == null ? null : pendingHead.uuid(), info.labels(), info.discovery(), info.container(),
                info.healthCheck(), info.killPolicy(), null);
    }

    private static String uuid() {
        UUID u = UUID.randomUUID();
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return Base64.getEncoder().encodeToString(b.array());
    }
}
