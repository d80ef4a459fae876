package io.mpaas.agent.health;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link HealthCheckState#record}: the state to keep and what the checker
 * must do, in order (a report always comes before the kill it leads to, so that the
 * framework sees {@code healthy=false} before TASK_KILLED, as with Mesos).
 */
record HealthDecision(HealthCheckState next, List<Effect> effects) {

    HealthDecision {
        Objects.requireNonNull(next, "next");
        effects = List.copyOf(effects);
    }

    /** Something the checker does for a decision. */
    sealed interface Effect {
    }

    /**
     * Tell the agent the task's health: it sends a TASK_RUNNING update with {@code healthy}
     * set.
     *
     * @param consecutiveFailures counted failures so far (0 for a success), as Mesos's
     *     {@code TaskHealthStatus} carries it
     */
    record Report(boolean healthy, String message, int consecutiveFailures) implements Effect {
        Report {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Kill the task: it failed its health check too many times in a row. */
    record Kill(String message) implements Effect {
        Kill {
            Objects.requireNonNull(message, "message");
        }
    }
}
