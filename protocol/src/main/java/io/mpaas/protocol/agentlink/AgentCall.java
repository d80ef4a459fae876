package io.mpaas.protocol.agentlink;

import io.mpaas.protocol.mesos.Address;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.ExecutorInfo;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.Task;
import io.mpaas.protocol.mesos.TaskStatus;
import java.util.List;

/**
 * A call from an agent to the master over the agent link ({@code POST /api/v1/agent}). SUBSCRIBE
 * opens the agent's one long-lived event stream (RecordIO, like the scheduler API); every other
 * call is a separate request carrying the stream's {@code Mesos-Stream-Id} and answered 202.
 */
public record AgentCall(
        Type type,
        AgentId agentId,
        Subscribe subscribe,
        Update update,
        Pong pong,
        Message message,
        ExecutorExited executorExited) {

    public enum Type {
        UNKNOWN,
        /** Register (no agent id) or re-register (with the id and everything the agent still runs). */
        SUBSCRIBE,
        /** A task status update; with a uuid it is reliable and resent until acknowledged. */
        UPDATE,
        /** The answer to a PING. */
        PONG,
        /** Executor to scheduler, unreliable. */
        MESSAGE,
        /** A custom executor ended. */
        EXECUTOR_EXITED
    }

    /**
     * {@code agent_info.id} set means re-registration: the agent reports the tasks, frameworks and
     * executors it still has, so that a new leading master can rebuild its state from them.
     * {@code address} is where the agent's own HTTP endpoint answers (offers carry it as their
     * {@code url}); when absent the master uses the address the link came from.
     */
    public record Subscribe(
            AgentInfo agentInfo,
            Address address,
            String version,
            List<String> capabilities,
            List<Task> tasks,
            List<FrameworkInfo> frameworks,
            List<ExecutorInfo> executors) {

        public Subscribe {
            capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
            tasks = tasks == null ? List.of() : List.copyOf(tasks);
            frameworks = frameworks == null ? List.of() : List.copyOf(frameworks);
            executors = executors == null ? List.of() : List.copyOf(executors);
        }
    }

    public record Update(FrameworkId frameworkId, TaskStatus status) {
    }

    public record Pong(Long sequence) {
    }

    public record Message(FrameworkId frameworkId, ExecutorId executorId, String data) {
    }

    public record ExecutorExited(FrameworkId frameworkId, ExecutorId executorId, Integer status) {
    }

    public static AgentCall subscribe(Subscribe subscribe) {
        return new AgentCall(Type.SUBSCRIBE, subscribe.agentInfo().id(), subscribe, null, null, null, null);
    }

    public static AgentCall update(AgentId agent, FrameworkId framework, TaskStatus status) {
        return new AgentCall(Type.UPDATE, agent, null, new Update(framework, status), null, null, null);
    }

    public static AgentCall pong(AgentId agent, long sequence) {
        return new AgentCall(Type.PONG, agent, null, null, new Pong(sequence), null, null);
    }

    public static AgentCall message(AgentId agent, FrameworkId framework, ExecutorId executor, String data) {
        return new AgentCall(Type.MESSAGE, agent, null, null, null, new Message(framework, executor, data), null);
    }

    public static AgentCall executorExited(AgentId agent, FrameworkId framework, ExecutorId executor, int status) {
        return new AgentCall(Type.EXECUTOR_EXITED, agent, null, null, null, null,
                new ExecutorExited(framework, executor, status));
    }
}
