package io.mpaas.master.task;

import io.mpaas.protocol.mesos.TaskState;
import java.util.List;

/**
 * The master's rules for a task's state, as a pure function: given the current state and what
 * happened, the next state and what the caller must do about it. The caller persists the new
 * task first, then carries out the side effects in order.
 *
 * <p>Rules (Mesos's): the master puts a task in STAGING; afterwards only the agent moves it,
 * never back to STAGING; a terminal state is final except that a retried terminal update is
 * forwarded again (the framework may not have seen it); resources are released exactly once, on
 * the first terminal or unreachable state; a task is archived once its terminal update is
 * acknowledged.
 */
public final class TaskStateMachine {

    private TaskStateMachine() {
    }

    /** What happened to a task. */
    public sealed interface TaskEvent {
    }

    /** The agent sent a status update with this state. */
    public record StatusReported(TaskState reported) implements TaskEvent {
    }

    /** The task's agent became unreachable. */
    public record AgentUnreachable() implements TaskEvent {
    }

    /** The task's agent re-registered and reports the task in this state. */
    public record AgentReregistered(TaskState reported) implements TaskEvent {
    }

    /** The framework acknowledged the task's pending status update. */
    public record Acknowledged() implements TaskEvent {
    }

    /** The framework was removed (teardown or failover timeout): the task is killed and forgotten. */
    public record FrameworkRemoved() implements TaskEvent {
    }

    /**
     * An operator marked the task's agent gone (MARK_AGENT_GONE): the agent will never come back, so
     * the task ends in {@code goneState} (TASK_GONE_BY_OPERATOR, or TASK_LOST for frameworks that are
     * not partition-aware) and is archived. It is not killed: the agent is told to shut down.
     */
    public record AgentGone(TaskState goneState) implements TaskEvent {
        public AgentGone {
            if (goneState != TaskState.TASK_GONE_BY_OPERATOR && goneState != TaskState.TASK_LOST) {
                throw new IllegalArgumentException("a task on a gone agent ends GONE_BY_OPERATOR or LOST: " + goneState);
            }
        }
    }

    /** What the caller must do after a transition. */
    public sealed interface SideEffect {
    }

    /** Give the task's resources back to the allocator and the agent's free pool. */
    public record ReleaseResources() implements SideEffect {
    }

    /** Take the task's resources again (its agent came back from unreachable). */
    public record ClaimResources() implements SideEffect {
    }

    /** Forward the status to the framework. */
    public record ForwardStatus() implements SideEffect {
    }

    /** Tell the framework the task is unreachable (TASK_LOST if it is not partition-aware). */
    public record ReportUnreachable() implements SideEffect {
    }

    /** Move the task from the active tasks to the completed ones. */
    public record Archive() implements SideEffect {
    }

    /** Ask the agent to kill the task. */
    public record KillOnAgent() implements SideEffect {
    }

    public record Transition(TaskState next, List<SideEffect> sideEffects) {
        public Transition {
            sideEffects = List.copyOf(sideEffects);
        }
    }

    /** The event is not allowed in the current state; the task is left as it is. */
    public static final class IllegalTransitionException extends RuntimeException {
        public IllegalTransitionException(TaskState current, TaskEvent event) {
            super("illegal task transition from " + current + " on " + event);
        }
    }

    public static Transition transition(TaskState current, TaskEvent event) {
        return switch (event) {
            case StatusReported e -> reported(current, e.reported(), event);
            case AgentUnreachable e -> unreachable(current, event);
            case AgentReregistered e -> reregistered(current, e.reported(), event);
            case Acknowledged e -> current.isTerminal()
                    ? new Transition(current, List.of(new Archive()))
                    : new Transition(current, List.of());
            case FrameworkRemoved e -> current.isTerminal() || current == TaskState.TASK_UNREACHABLE
                    ? new Transition(current, List.of(new Archive()))
                    : new Transition(TaskState.TASK_KILLED,
                            List.of(new KillOnAgent(), new ReleaseResources(), new Archive()));
            case AgentGone e -> agentGone(current, e.goneState());
        };
    }

    /** States an agent may report; STAGING is the master's, the partition states are the master's too. */
    static boolean reportable(TaskState state) {
        return switch (state) {
            case TASK_STARTING, TASK_RUNNING, TASK_KILLING, TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR,
                    TASK_LOST, TASK_DROPPED, TASK_GONE -> true;
            default -> false;
        };
    }

    private static Transition reported(TaskState current, TaskState reported, TaskEvent event) {
        if (!reportable(reported)) {
            throw new IllegalTransitionException(current, event);
        }
        if (current.isTerminal()) {
            if (reported == current) {
                return new Transition(current, List.of(new ForwardStatus()));
            }
            throw new IllegalTransitionException(current, event);
        }
        if (current == TaskState.TASK_UNREACHABLE) {
            return reregistered(current, reported, event);
        }
        if (reported.isTerminal()) {
            return new Transition(reported, List.of(new ReleaseResources(), new ForwardStatus()));
        }
        if (reported == TaskState.TASK_STARTING
                && (current == TaskState.TASK_RUNNING || current == TaskState.TASK_KILLING)) {
            // A STARTING that arrives after the task ran is late, not news: the task keeps its state, and the
            // update still goes to the framework, whose acknowledgement the agent waits for.
            return new Transition(current, List.of(new ForwardStatus()));
        }
        return new Transition(reported, List.of(new ForwardStatus()));
    }

    private static Transition unreachable(TaskState current, TaskEvent event) {
        if (current.isTerminal()) {
            return new Transition(current, List.of());
        }
        if (current == TaskState.TASK_UNREACHABLE) {
            throw new IllegalTransitionException(current, event);
        }
        return new Transition(TaskState.TASK_UNREACHABLE, List.of(new ReleaseResources(), new ReportUnreachable()));
    }

    /** Resources of an unreachable task were released already; a terminal task only waits to be archived. */
    private static Transition agentGone(TaskState current, TaskState gone) {
        if (current.isTerminal()) {
            return new Transition(current, List.of(new Archive()));
        }
        if (current == TaskState.TASK_UNREACHABLE) {
            return new Transition(gone, List.of(new ForwardStatus(), new Archive()));
        }
        return new Transition(gone, List.of(new ReleaseResources(), new ForwardStatus(), new Archive()));
    }

    private static Transition reregistered(TaskState current, TaskState reported, TaskEvent event) {
        if (!reportable(reported) && reported != TaskState.TASK_STAGING) {
            throw new IllegalTransitionException(current, event);
        }
        if (current == TaskState.TASK_UNREACHABLE) {
            if (reported.isTerminal()) {
                return new Transition(reported, List.of(new ForwardStatus()));
            }
            return new Transition(reported, List.of(new ClaimResources(), new ForwardStatus()));
        }
        if (current.isTerminal()) {
            return new Transition(current, List.of());
        }
        if (reported == current) {
            return new Transition(current, List.of());
        }
        if (reported == TaskState.TASK_STAGING) {
            throw new IllegalTransitionException(current, event);
        }
        return reported(current, reported, event);
    }
}
