package io.mpaas.protocol.mesos.scheduler;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.Filters;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.KillPolicy;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.OperationId;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.TaskId;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A call of the v1 scheduler API ({@code POST /api/v1/scheduler}): {@code type} plus the one body
 * field named after it. {@code framework_id} is required for everything but a first SUBSCRIBE.
 */
public record Call(
        FrameworkId frameworkId,
        Type type,
        Subscribe subscribe,
        Accept accept,
        Decline decline,
        AcceptInverseOffers acceptInverseOffers,
        DeclineInverseOffers declineInverseOffers,
        Revive revive,
        Kill kill,
        Shutdown shutdown,
        Acknowledge acknowledge,
        JsonNode acknowledgeOperationStatus,
        Reconcile reconcile,
        JsonNode reconcileOperations,
        Message message,
        Request request,
        Suppress suppress,
        UpdateFramework updateFramework) {

    public enum Type {
        UNKNOWN,
        SUBSCRIBE,
        TEARDOWN,
        ACCEPT,
        DECLINE,
        ACCEPT_INVERSE_OFFERS,
        DECLINE_INVERSE_OFFERS,
        REVIVE,
        KILL,
        SHUTDOWN,
        ACKNOWLEDGE,
        ACKNOWLEDGE_OPERATION_STATUS,
        RECONCILE,
        RECONCILE_OPERATIONS,
        MESSAGE,
        REQUEST,
        SUPPRESS,
        UPDATE_FRAMEWORK
    }

    public record Subscribe(FrameworkInfo frameworkInfo, List<String> suppressedRoles, JsonNode offerConstraints) {
        public Subscribe {
            suppressedRoles = suppressedRoles == null ? List.of() : List.copyOf(suppressedRoles);
        }
    }

    public record Accept(List<OfferId> offerIds, List<Offer.Operation> operations, Filters filters) {
        public Accept {
            offerIds = offerIds == null ? List.of() : List.copyOf(offerIds);
            operations = operations == null ? List.of() : List.copyOf(operations);
        }
    }

    public record Decline(List<OfferId> offerIds, Filters filters) {
        public Decline {
            offerIds = offerIds == null ? List.of() : List.copyOf(offerIds);
        }
    }

    public record AcceptInverseOffers(List<OfferId> inverseOfferIds, Filters filters) {
        public AcceptInverseOffers {
            inverseOfferIds = inverseOfferIds == null ? List.of() : List.copyOf(inverseOfferIds);
        }
    }

    public record DeclineInverseOffers(List<OfferId> inverseOfferIds, Filters filters) {
        public DeclineInverseOffers {
            inverseOfferIds = inverseOfferIds == null ? List.of() : List.copyOf(inverseOfferIds);
        }
    }

    /** Un-suppresses the roles and clears their refusal filters; no roles means all of them. */
    public record Revive(List<String> roles) {
        public Revive {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    /** Stops offers for the roles; no roles means all of them. */
    public record Suppress(List<String> roles) {
        public Suppress {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    public record Kill(TaskId taskId, AgentId agentId, KillPolicy killPolicy) {
    }

    public record Shutdown(ExecutorId executorId, AgentId agentId) {
    }

    public record Acknowledge(AgentId agentId, TaskId taskId, String uuid) {
    }

    /** No tasks means implicit reconciliation: every task the master knows. */
    public record Reconcile(List<ReconcileTask> tasks) {
        public Reconcile {
            tasks = tasks == null ? List.of() : List.copyOf(tasks);
        }

        public record ReconcileTask(TaskId taskId, AgentId agentId) {
        }
    }

    public record Message(AgentId agentId, ExecutorId executorId, String data) {
    }

    public record Request(List<ResourceRequest> requests) {
        public Request {
            requests = requests == null ? List.of() : List.copyOf(requests);
        }

        public record ResourceRequest(AgentId agentId, List<Resource> resources) {
        }
    }

    public record UpdateFramework(FrameworkInfo frameworkInfo, List<String> suppressedRoles,
            JsonNode offerConstraints) {
        public UpdateFramework {
            suppressedRoles = suppressedRoles == null ? List.of() : List.copyOf(suppressedRoles);
        }
    }

    /** A blank call of {@code type} for {@code frameworkId}; fill one body with a wither. */
    public static Call of(FrameworkId frameworkId, Type type) {
        return new Call(frameworkId, type, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    public static Call subscribe(FrameworkInfo info) {
        return new Call(info.id(), Type.SUBSCRIBE, new Subscribe(info, null, null), null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
    }

    public static Call accept(FrameworkId fid, List<OfferId> offers, List<Offer.Operation> ops, Filters filters) {
        return new Call(fid, Type.ACCEPT, null, new Accept(offers, ops, filters), null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    public static Call decline(FrameworkId fid, List<OfferId> offers, Filters filters) {
        return new Call(fid, Type.DECLINE, null, null, new Decline(offers, filters), null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    public static Call revive(FrameworkId fid, List<String> roles) {
        return new Call(fid, Type.REVIVE, null, null, null, null, null, new Revive(roles), null, null, null, null,
                null, null, null, null, null, null);
    }

    public static Call suppress(FrameworkId fid, List<String> roles) {
        return new Call(fid, Type.SUPPRESS, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, new Suppress(roles), null);
    }

    public static Call kill(FrameworkId fid, TaskId task, AgentId agent) {
        return new Call(fid, Type.KILL, null, null, null, null, null, null, new Kill(task, agent, null), null, null,
                null, null, null, null, null, null, null);
    }

    public static Call shutdown(FrameworkId fid, ExecutorId executor, AgentId agent) {
        return new Call(fid, Type.SHUTDOWN, null, null, null, null, null, null, null, new Shutdown(executor, agent),
                null, null, null, null, null, null, null, null);
    }

    public static Call acknowledge(FrameworkId fid, AgentId agent, TaskId task, String uuid) {
        return new Call(fid, Type.ACKNOWLEDGE, null, null, null, null, null, null, null, null,
                new Acknowledge(agent, task, uuid), null, null, null, null, null, null, null);
    }

    public static Call reconcile(FrameworkId fid, List<Reconcile.ReconcileTask> tasks) {
        return new Call(fid, Type.RECONCILE, null, null, null, null, null, null, null, null, null, null,
                new Reconcile(tasks), null, null, null, null, null);
    }

    public static Call message(FrameworkId fid, AgentId agent, ExecutorId executor, String data) {
        return new Call(fid, Type.MESSAGE, null, null, null, null, null, null, null, null, null, null, null, null,
                new Message(agent, executor, data), null, null, null);
    }

    public static Call request(FrameworkId fid, List<Request.ResourceRequest> requests) {
        return new Call(fid, Type.REQUEST, null, null, null, null, null, null, null, null, null, null, null, null,
                null, new Request(requests), null, null);
    }

    public static Call teardown(FrameworkId fid) {
        return of(fid, Type.TEARDOWN);
    }
}
