package io.mpaas.master.task;

import static io.mpaas.protocol.mesos.TaskState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.master.task.TaskStateMachine.Acknowledged;
import io.mpaas.master.task.TaskStateMachine.AgentReregistered;
import io.mpaas.master.task.TaskStateMachine.AgentUnreachable;
import io.mpaas.master.task.TaskStateMachine.Archive;
import io.mpaas.master.task.TaskStateMachine.ClaimResources;
import io.mpaas.master.task.TaskStateMachine.ForwardStatus;
import io.mpaas.master.task.TaskStateMachine.FrameworkRemoved;
import io.mpaas.master.task.TaskStateMachine.IllegalTransitionException;
import io.mpaas.master.task.TaskStateMachine.KillOnAgent;
import io.mpaas.master.task.TaskStateMachine.ReleaseResources;
import io.mpaas.master.task.TaskStateMachine.ReportUnreachable;
import io.mpaas.master.task.TaskStateMachine.SideEffect;
import io.mpaas.master.task.TaskStateMachine.StatusReported;
import io.mpaas.master.task.TaskStateMachine.Transition;
import io.mpaas.protocol.mesos.TaskState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (state, event) pair of the master's task state machine. */
class TaskStateMachineTest {

    /** States a task can be in at the master (TASK_UNKNOWN is only ever an answer, never a stored state). */
    static final Set<TaskState> STORED = EnumSet.complementOf(EnumSet.of(TASK_UNKNOWN));

    /** What agents may report. */
    static final Set<TaskState> REPORTABLE = EnumSet.of(TASK_STARTING, TASK_RUNNING, TASK_KILLING, TASK_FINISHED,
            TASK_FAILED, TASK_KILLED, TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE);

    static Stream<Arguments> statusReports() {
        List<Arguments> all = new ArrayList<>();
        for (TaskState current : STORED) {
            for (TaskState reported : TaskState.values()) {
                all.add(Arguments.of(current, reported));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} + agent reports {1}")
    @MethodSource("statusReports")
    void statusReported(TaskState current, TaskState reported) {
        StatusReported event = new StatusReported(reported);
        boolean illegal = !REPORTABLE.contains(reported) || (current.isTerminal() && reported != current);
        if (illegal) {
            assertThatThrownBy(() -> TaskStateMachine.transition(current, event))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining(current.name());
            return;
        }
        Transition t = TaskStateMachine.transition(current, event);
        if (current.isTerminal()) {
            // A retried terminal update: forwarded again, nothing else.
            assertThat(t).isEqualTo(new Transition(current, List.of(new ForwardStatus())));
        } else if (current == TASK_UNREACHABLE) {
            List<SideEffect> effects = reported.isTerminal() ? List.of(new ForwardStatus())
                    : List.of(new ClaimResources(), new ForwardStatus());
            assertThat(t).isEqualTo(new Transition(reported, effects));
        } else if (reported.isTerminal()) {
            assertThat(t).isEqualTo(new Transition(reported, List.of(new ReleaseResources(), new ForwardStatus())));
        } else if (reported == TASK_STARTING && (current == TASK_RUNNING || current == TASK_KILLING)) {
            // Late: the task keeps its state; the update is still forwarded, for the framework to acknowledge.
            assertThat(t).isEqualTo(new Transition(current, List.of(new ForwardStatus())));
        } else {
            assertThat(t).isEqualTo(new Transition(reported, List.of(new ForwardStatus())));
        }
    }

    static Stream<TaskState> stored() {
        return STORED.stream();
    }

    @ParameterizedTest(name = "{0} + agent unreachable")
    @MethodSource("stored")
    void agentUnreachable(TaskState current) {
        if (current == TASK_UNREACHABLE) {
            assertThatThrownBy(() -> TaskStateMachine.transition(current, new AgentUnreachable()))
                    .isInstanceOf(IllegalTransitionException.class);
            return;
        }
        Transition t = TaskStateMachine.transition(current, new AgentUnreachable());
        if (current.isTerminal()) {
            assertThat(t).isEqualTo(new Transition(current, List.of()));
        } else {
            assertThat(t).isEqualTo(new Transition(TASK_UNREACHABLE,
                    List.of(new ReleaseResources(), new ReportUnreachable())));
        }
    }

    @ParameterizedTest(name = "{0} + agent re-registers with {1}")
    @MethodSource("statusReports")
    void agentReregistered(TaskState current, TaskState reported) {
        AgentReregistered event = new AgentReregistered(reported);
        boolean reportable = REPORTABLE.contains(reported) || reported == TASK_STAGING;
        if (!reportable) {
            assertThatThrownBy(() -> TaskStateMachine.transition(current, event))
                    .isInstanceOf(IllegalTransitionException.class);
            return;
        }
        if (current == TASK_UNREACHABLE) {
            Transition t = TaskStateMachine.transition(current, event);
            List<SideEffect> effects = reported.isTerminal() ? List.of(new ForwardStatus())
                    : List.of(new ClaimResources(), new ForwardStatus());
            assertThat(t).isEqualTo(new Transition(reported, effects));
        } else if (current.isTerminal() || reported == current) {
            // The master already knows better (terminal) or the same: nothing changes.
            assertThat(TaskStateMachine.transition(current, event)).isEqualTo(new Transition(current, List.of()));
        } else if (reported == TASK_STAGING) {
            assertThatThrownBy(() -> TaskStateMachine.transition(current, event))
                    .isInstanceOf(IllegalTransitionException.class);
        } else {
            // Same as an ordinary status update.
            assertThat(TaskStateMachine.transition(current, event))
                    .isEqualTo(TaskStateMachine.transition(current, new StatusReported(reported)));
        }
    }

    @ParameterizedTest(name = "{0} + acknowledged")
    @MethodSource("stored")
    void acknowledged(TaskState current) {
        Transition t = TaskStateMachine.transition(current, new Acknowledged());
        List<SideEffect> effects = current.isTerminal() ? List.of(new Archive()) : List.of();
        assertThat(t).isEqualTo(new Transition(current, effects));
    }

    @ParameterizedTest(name = "{0} + framework removed")
    @MethodSource("stored")
    void frameworkRemoved(TaskState current) {
        Transition t = TaskStateMachine.transition(current, new FrameworkRemoved());
        if (current.isTerminal() || current == TASK_UNREACHABLE) {
            assertThat(t).isEqualTo(new Transition(current, List.of(new Archive())));
        } else {
            assertThat(t).isEqualTo(new Transition(TASK_KILLED,
                    List.of(new KillOnAgent(), new ReleaseResources(), new Archive())));
        }
    }
}
