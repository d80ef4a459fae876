package io.mpaas.master.framework;

import io.mpaas.master.MasterError;
import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.task.Reconciler;
import io.mpaas.master.task.StatusUpdates;
import io.mpaas.master.task.TaskLauncher;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.protocol.mesos.scheduler.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every scheduler call but SUBSCRIBE, for a framework that must be subscribed on the stream the
 * call names. The checks and their messages follow Mesos's handler, in its order.
 */
@Component
public class SchedulerCalls {

    private static final Logger log = LoggerFactory.getLogger(SchedulerCalls.class);

    private final Cluster cluster;
    private final FrameworkLifecycle frameworks;
    private final TaskLauncher launcher;
    private final StatusUpdates statusUpdates;
    private final Reconciler reconciler;

    public SchedulerCalls(Cluster cluster, FrameworkLifecycle frameworks, TaskLauncher launcher,
            StatusUpdates statusUpdates, Reconciler reconciler) {
        this.cluster = cluster;
        this.frameworks = frameworks;
        this.launcher = launcher;
        this.statusUpdates = statusUpdates;
        this.reconciler = reconciler;
    }

    /**
     * Carries out a validated call.
     *
     * @param streamId the request's {@code Mesos-Stream-Id}, or null
     * @param principal the authenticated principal, or null when authentication is off
     * @throws MasterError BAD_REQUEST or FORBIDDEN when the framework may not make the call
     */
    public void handle(Call call, String streamId, String principal) {
        cluster.locked(() -> {
            Framework framework = cluster.frameworks().get(call.frameworkId());
            if (framework == null) {
                throw MasterError.badRequest("Framework cannot be found");
            }
            if (principal != null && !principal.equals(framework.principal())) {
                throw MasterError.badRequest("Authenticated principal '" + principal + "' does not match principal '"
                        + framework.principal() + "' used to subscribe");
            }
            if (!framework.isConnected()) {
                throw MasterError.forbidden("Framework is not subscribed");
            }
            if (streamId == null) {
                throw MasterError.badRequest("All non-subscribe calls should include the 'Mesos-Stream-Id' header");
            }
            if (!streamId.equals(framework.stream().id())) {
                throw MasterError.badRequest("The stream ID '" + streamId + "' included in this request didn't match"
                        + " the stream ID currently associated with framework ID " + framework.id());
            }
            dispatch(framework, call);
        });
    }

    private void dispatch(Framework framework, Call call) {
        switch (call.type()) {
            case TEARDOWN -> frameworks.remove(framework, "it asked for TEARDOWN");
            case ACCEPT -> launcher.accept(framework, call.accept());
            case DECLINE -> launcher.decline(framework, call.decline());
            case REVIVE -> frameworks.revive(framework, call.revive() == null ? java.util.List.of()
                    : call.revive().roles());
            case SUPPRESS -> frameworks.suppress(framework, call.suppress() == null ? java.util.List.of()
                    : call.suppress().roles());
            case KILL -> reconciler.kill(framework, call.kill());
            case ACKNOWLEDGE -> statusUpdates.acknowledge(framework, call.acknowledge());
            case RECONCILE -> reconciler.reconcile(framework, call.reconcile());
            case UPDATE_FRAMEWORK -> frameworks.update(framework, call.updateFramework());
            case SHUTDOWN -> {
                Agent agent = cluster.agents().get(call.shutdown().agentId());
                if (agent != null) {
                    agent.send(AgentEvent.shutdownExecutor(framework.id(), call.shutdown().executorId(), null));
                }
            }
            case MESSAGE -> {
                Agent agent = cluster.agents().get(call.message().agentId());
                if (agent != null) {
                    agent.send(AgentEvent.message(framework.id(), call.message().executorId(), call.message().data()));
                }
            }
            // The default Mesos allocator ignores REQUEST; inverse offers and operation feedback
            // are not produced by this master, so their answers have nothing to act on.
            case REQUEST, ACCEPT_INVERSE_OFFERS, DECLINE_INVERSE_OFFERS, ACKNOWLEDGE_OPERATION_STATUS,
                    RECONCILE_OPERATIONS -> log.debug("Framework {}: {} has nothing to do", framework.id(),
                    call.type());
            case SUBSCRIBE, UNKNOWN -> throw MasterError.badRequest("Expecting 'type' to be present");
        }
    }
}
