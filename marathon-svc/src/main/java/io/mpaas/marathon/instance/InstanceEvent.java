package io.mpaas.marathon.instance;

import io.mpaas.protocol.marathon.UnreachableStrategy;
import io.mpaas.protocol.mesos.TaskStatus;
import java.time.Instant;
import java.util.Objects;

/** Something that happens to an instance; {@link InstanceStateMachine} says what follows. */
public sealed interface InstanceEvent {

    Instant at();

    /** A Mesos status for the instance's current task. */
    record StatusReceived(TaskStatus status, Instant at) implements InstanceEvent {
        public StatusReceived {
            Objects.requireNonNull(status, "status");
        }
    }

    /** Kill the task but keep the slot: the app's instance count stays, so it is replaced. */
    record KillRequested(Instant at) implements InstanceEvent {
    }

    /** The instance is no longer wanted: kill it and forget it once it is gone. */
    record Decommissioned(Instant at) implements InstanceEvent {
    }

    /** A periodic check of how long an unreachable instance has been away. */
    record UnreachableCheck(UnreachableStrategy strategy, Instant at) implements InstanceEvent {
    }
}
