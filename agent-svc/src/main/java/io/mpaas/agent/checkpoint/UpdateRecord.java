package io.mpaas.agent.checkpoint;

import io.mpaas.protocol.mesos.TaskStatus;

/** One line of a task's update log: a status update the agent sent, or the acknowledgement of one (by uuid). */
record UpdateRecord(TaskStatus update, String ack) {
}
