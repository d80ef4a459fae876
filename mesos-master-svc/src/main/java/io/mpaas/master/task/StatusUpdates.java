package io.mpaas.master.task;

import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.cluster.MasterTask;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.scheduler.Call;
import io.mpaas.protocol.mesos.scheduler.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The reliable status update path: agent → master → framework, and the acknowledgement back.
 * The agent resends an update until the framework's ACKNOWLEDGE reaches it, one update per task
 * at a time; the master forwards every copy (the framework may have missed the first) and tells
 * the agent about every acknowledgement. Callers hold the lock.
 */
@Component
public class StatusUpdates {

    private static final Logger log = LoggerFactory.getLogger(StatusUpdates.class);

    private final Cluster cluster;
    private final TaskTracker tasks;

    public StatusUpdates(Cluster cluster, TaskTracker tasks) {
        this.cluster = cluster;
        this.tasks = tasks;
    }

    /** An update from {@code agent} (whose link was checked). */
    public void fromAgent(Agent agent, FrameworkId frameworkId, TaskStatus reported) {
        TaskStatus status = reported.withAgentId(agent.id());
        Framework framework = cluster.frameworks().get(frameworkId);
        if (framework == null) {
            if (cluster.removedFrameworks().contains(frameworkId)) {
                // The framework is gone: stop the agent's retries and have it clean up.
                if (status.uuid() != null) {
                    agent.send(AgentEvent.acknowledge(frameworkId, status.taskId(), status.uuid()));
                }
                agent.send(AgentEvent.shutdownFramework(frameworkId));
            } else {
                log.debug("Update for task {} of unknown framework {} dropped; the agent will retry",
                        status.taskId(), frameworkId);
            }
            return;
        }
        MasterTask task = agent.tasks().get(status.taskId());
        if (task == null || !task.frameworkId().equals(frameworkId)) {
            // Mesos forwards updates of tasks it does not know: the framework may.
            framework.send(Event.update(status));
            return;
        }
        try {
            tasks.apply(framework, task, new TaskStateMachine.StatusReported(status.state()), status);
        } catch (TaskStateMachine.IllegalTransitionException e) {
            log.warn("Task {} of framework {}: {}; forwarding the update unchanged", task.id(), frameworkId,
                    e.getMessage());
            framework.send(Event.update(status));
        }
    }

    /** ACKNOWLEDGE: clears the pending update (archiving a finished task) and tells the agent. */
    public void acknowledge(Framework framework, Call.Acknowledge ack) {
        MasterTask task = framework.tasks().get(ack.taskId());
        if (task == null) {
            task = framework.unreachableTasks().get(ack.taskId());
        }
        if (task != null && ack.uuid().equals(task.pendingUuid())) {
            tasks.apply(framework, task, new TaskStateMachine.Acknowledged(), null);
        }
        Agent agent = cluster.agents().get(ack.agentId());
        if (agent == null || !agent.isConnected()) {
            log.info("Acknowledgement of task {} for agent {} dropped: the agent is not linked; it will resend",
                    ack.taskId(), ack.agentId());
            return;
        }
        agent.send(AgentEvent.acknowledge(framework.id(), ack.taskId(), ack.uuid()));
    }
}
