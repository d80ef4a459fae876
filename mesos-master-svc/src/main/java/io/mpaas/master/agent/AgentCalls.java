package io.mpaas.master.agent;

import io.mpaas.master.MasterError;
import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.task.StatusUpdates;
import io.mpaas.protocol.agentlink.AgentCall;
import io.mpaas.protocol.mesos.ExecutorInfo;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** An agent's calls other than SUBSCRIBE, accepted only on the agent's current link. */
@Component
public class AgentCalls {

    private final Cluster cluster;
    private final StatusUpdates statusUpdates;
    private final io.mpaas.master.allocator.HierarchicalAllocator allocator;
    private final Clock clock;

    public AgentCalls(Cluster cluster, StatusUpdates statusUpdates,
            io.mpaas.master.allocator.HierarchicalAllocator allocator, Clock clock) {
        this.cluster = cluster;
        this.statusUpdates = statusUpdates;
        this.allocator = allocator;
        this.clock = clock;
    }

    /** Mesos-style checks of an agent call's required fields. */
    public static Optional<String> validate(AgentCall call) {
        if (call.type() == null || call.type() == AgentCall.Type.UNKNOWN) {
            return Optional.of("Expecting 'type' to be present");
        }
        if (call.type() == AgentCall.Type.SUBSCRIBE) {
            if (call.subscribe() == null || call.subscribe().agentInfo() == null) {
                return Optional.of("Expecting 'subscribe.agent_info' to be present");
            }
            var info = call.subscribe().agentInfo();
            if (info.hostname() == null || info.hostname().isBlank()) {
                return Optional.of("Expecting 'subscribe.agent_info.hostname' to be present");
            }
            return io.mpaas.master.task.TaskValidator.validateResources("Agent", info.resources());
        }
        if (call.agentId() == null) {
            return Optional.of("Expecting 'agent_id' to be present");
        }
        return switch (call.type()) {
            case UPDATE -> call.update() == null || call.update().frameworkId() == null
                    || call.update().status() == null || call.update().status().taskId() == null
                    || call.update().status().state() == null
                    ? Optional.of("Expecting 'update.framework_id', 'update.status.task_id' and"
                            + " 'update.status.state' to be present") : Optional.empty();
            case MESSAGE -> call.message() == null || call.message().frameworkId() == null
                    ? Optional.of("Expecting 'message.framework_id' to be present") : Optional.empty();
            case EXECUTOR_EXITED -> call.executorExited() == null || call.executorExited().frameworkId() == null
                    || call.executorExited().executorId() == null
                    ? Optional.of("Expecting 'executor_exited.framework_id' and 'executor_exited.executor_id'")
                    : Optional.empty();
            case PONG, SUBSCRIBE, UNKNOWN -> Optional.empty();
        };
    }

    /**
     * @throws MasterError BAD_REQUEST for an unknown agent or a stream that is not its current link
     */
    public void handle(AgentCall call, String streamId) {
        if (streamId == null) {
            throw MasterError.badRequest("All non-subscribe calls should include the 'Mesos-Stream-Id' header");
        }
        cluster.locked(() -> {
            Agent agent = cluster.agents().get(call.agentId());
            if (agent == null || agent.link() == null || !agent.link().id().equals(streamId)) {
                throw MasterError.badRequest("Agent " + call.agentId() + " is not linked on stream '" + streamId
                        + "'");
            }
            // Any call on the agent's current link proves it alive.
            agent.seen(clock.instant());
            switch (call.type()) {
                case UPDATE -> statusUpdates.fromAgent(agent, call.update().frameworkId(), call.update().status());
                case MESSAGE -> {
                    Framework framework = cluster.frameworks().get(call.message().frameworkId());
                    if (framework != null) {
                        framework.send(Event.message(agent.id(), call.message().executorId(), call.message().data()));
                    }
                }
                case EXECUTOR_EXITED -> executorExited(agent, call.executorExited());
                case PONG, SUBSCRIBE, UNKNOWN -> {
                }
            }
        });
    }

    /** A custom or default executor ended: its resources are free and its framework hears FAILURE. */
    private void executorExited(Agent agent, AgentCall.ExecutorExited exited) {
        Map<io.mpaas.protocol.mesos.ExecutorId, ExecutorInfo> executors = agent.executors().get(exited.frameworkId());
        ExecutorInfo executor = executors == null ? null : executors.remove(exited.executorId());
        Framework framework = cluster.frameworks().get(exited.frameworkId());
        if (executor != null) {
            Resources resources = Resources.of(executor.resources());
            agent.removeUsed(resources);
            if (framework != null) {
                framework.removeUsed(resources);
                String role = framework.roleOf(executor.resources());
                allocator.recoverResources(framework.id(), agent.id(), role, resources, null);
            }
        }
        if (framework != null) {
            framework.send(Event.failure(agent.id(), exited.executorId(), exited.status()));
        }
    }
}
