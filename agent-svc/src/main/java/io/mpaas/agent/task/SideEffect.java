package io.mpaas.agent.task;

import io.mpaas.protocol.mesos.TaskState;
import io.mpaas.protocol.mesos.TaskStatus;
import java.time.Duration;

/** What the agent must do after a transition; the runner carries these out, in order. */
sealed interface SideEffect {

    /** Send a reliable status update. {@code healthy} null: no health verdict to report. */
    record Report(TaskState state, TaskStatus.Reason reason, String message, Boolean healthy) implements SideEffect {
    }

    /** Stop the container: TERM, then KILL after {@code grace}. */
    record KillContainer(Duration grace) implements SideEffect {
    }

    /** Killed while launching: stop preparing the sandbox (the fetch), so that no container starts. */
    record CancelLaunch() implements SideEffect {
    }

    /** The task runs: start its health check, if it has one. */
    record StartHealthCheck() implements SideEffect {
    }

    /** The task is ending: its health check must stop. */
    record StopHealthCheck() implements SideEffect {
    }
}
