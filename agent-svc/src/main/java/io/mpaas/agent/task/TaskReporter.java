package io.mpaas.agent.task;

import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.agent.machine.AgentIdentity;
import io.mpaas.agent.status.StatusUpdates;
import io.mpaas.protocol.mesos.TaskStatus;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

/** Turns a decided report into a reliable status update: a new uuid, the container's status, checkpointed and sent. */
final class TaskReporter {

    private final StatusUpdates updates;
    private final AgentIdentity identity;
    private final Clock clock;
    private final TaskCounters counters;

    TaskReporter(StatusUpdates updates, AgentIdentity identity, Clock clock, TaskCounters counters) {
        this.counters = counters;
        this.updates = updates;
        this.identity = identity;
        this.clock = clock;
    }

    void report(AgentTask task, SideEffect.Report report) {
        ContainerHandle container = task.container();
        Long pid = container == null ? null : container.pid().orElse(null);
        TaskStatus status = new TaskStatus(task.taskId(), report.state(), report.message(),
                TaskStatus.Source.SOURCE_EXECUTOR, report.reason(), null, identity.agentId(), task.executorId(),
                clock.millis() / 1000.0, uuid(), report.healthy(), null, null,
                new TaskStatus.ContainerStatus(task.containerId(), null, null, pid), null, null);
        task.recordStatus(status, clock.instant());
        updates.publish(task.taskId(), status);
        counters.reported(status.state());
    }

    /** A Mesos status uuid: 16 random bytes, base64 on the wire. */
    static String uuid() {
        UUID u = UUID.randomUUID();
        return Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
    }
}
