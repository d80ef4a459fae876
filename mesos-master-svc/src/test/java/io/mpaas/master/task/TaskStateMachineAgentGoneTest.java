package io.mpaas.master.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.master.task.TaskStateMachine.AgentGone;
import io.mpaas.master.task.TaskStateMachine.Archive;
import io.mpaas.master.task.TaskStateMachine.ForwardStatus;
import io.mpaas.master.task.TaskStateMachine.ReleaseResources;
import io.mpaas.master.task.TaskStateMachine.Transition;
import io.mpaas.protocol.mesos.TaskState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** MARK_AGENT_GONE, from every state. */
class TaskStateMachineAgentGoneTest {

    @ParameterizedTest
    @EnumSource(TaskState.class)
    void everyTaskOnAGoneAgentEndsArchived(TaskState current) {
        Transition t = TaskStateMachine.transition(current, new AgentGone(TaskState.TASK_GONE_BY_OPERATOR));
        if (current.isTerminal()) {
            assertThat(t.next()).isEqualTo(current);
            assertThat(t.sideEffects()).containsExactly(new Archive());
        } else if (current == TaskState.TASK_UNREACHABLE) {
            assertThat(t.next()).isEqualTo(TaskState.TASK_GONE_BY_OPERATOR);
            assertThat(t.sideEffects()).containsExactly(new ForwardStatus(), new Archive());
        } else {
            assertThat(t.next()).isEqualTo(TaskState.TASK_GONE_BY_OPERATOR);
            assertThat(t.sideEffects()).containsExactly(new ReleaseResources(), new ForwardStatus(), new Archive());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"TASK_RUNNING", "TASK_UNREACHABLE"})
    void frameworksThatAreNotPartitionAwareSeeLost(TaskState current) {
        assertThat(TaskStateMachine.transition(current, new AgentGone(TaskState.TASK_LOST)).next())
                .isEqualTo(TaskState.TASK_LOST);
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"TASK_GONE_BY_OPERATOR", "TASK_LOST"}, mode = EnumSource.Mode.EXCLUDE)
    void onlyGoneByOperatorOrLostAreGoneStates(TaskState gone) {
        assertThatThrownBy(() -> new AgentGone(gone)).isInstanceOf(IllegalArgumentException.class);
    }
}
