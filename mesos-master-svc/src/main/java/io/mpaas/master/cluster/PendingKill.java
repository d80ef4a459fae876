package io.mpaas.master.cluster;

import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.KillPolicy;
import io.mpaas.protocol.mesos.TaskId;

/** A kill asked for while the task's agent was disconnected; sent when it re-registers. */
public record PendingKill(FrameworkId frameworkId, TaskId taskId, KillPolicy killPolicy) {
}
