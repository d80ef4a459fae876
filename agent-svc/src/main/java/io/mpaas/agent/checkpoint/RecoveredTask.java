package io.mpaas.agent.checkpoint;

import io.mpaas.protocol.mesos.TaskStatus;
import java.util.List;

/**
 * A task read back from its checkpoint after an agent restart.
 *
 * @param updates every status update it sent, oldest first
 * @param unacknowledged the updates the master has not acknowledged yet, oldest first (they are resent)
 */
public record RecoveredTask(TaskCheckpoint checkpoint, List<TaskStatus> updates, List<TaskStatus> unacknowledged) {

    public RecoveredTask {
        updates = List.copyOf(updates);
        unacknowledged = List.copyOf(unacknowledged);
    }

    /** The task's last reported status, or null when it reported none. */
    public TaskStatus latest() {
        return updates.isEmpty() ? null : updates.getLast();
    }
}
