package io.mpaas.marathon.framework;

import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.TaskStatus;
import java.util.List;

/**
 * The calls the scheduler makes to the master. Every call is fire-and-forget: a failed call is
 * logged, and the scheduler's own timers (kill retries, launch timeouts, reconciliation) repair
 * what it did not achieve. Not subscribed: the call is dropped.
 */
public interface MesosCalls {

    void accept(OfferId offerId, List<Offer.Operation> operations, double refuseSeconds);

    void decline(List<OfferId> offerIds, double refuseSeconds);

    /** Kills a task; {@code agentId} may be null when unknown. */
    void kill(String taskId, String agentId);

    void acknowledge(TaskStatus status);

    /** Explicit reconciliation of these tasks (task id, agent id or null); an empty list asks for all tasks. */
    void reconcile(List<TaskRef> tasks);

    void revive();

    void suppress();

    /** A task the scheduler knows, for explicit reconciliation. */
    record TaskRef(String taskId, String agentId) {
    }
}
