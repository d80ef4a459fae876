package io.mpaas.marathon.scheduler;

import io.mpaas.marathon.framework.MesosCalls;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.protocol.mesos.TaskStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The master as the scheduler sees it, recording every call. */
final class RecordingMesos implements MesosCalls {

    final List<TaskInfo> launched = new CopyOnWriteArrayList<>();
    final List<OfferId> declined = new CopyOnWriteArrayList<>();
    final List<String> killed = new CopyOnWriteArrayList<>();
    final List<TaskStatus> acknowledged = new CopyOnWriteArrayList<>();
    final List<List<TaskRef>> reconciled = new CopyOnWriteArrayList<>();
    final List<String> offerCalls = new CopyOnWriteArrayList<>();

    @Override
    public void accept(OfferId offerId, List<Offer.Operation> operations, double refuseSeconds) {
        operations.forEach(op -> launched.addAll(op.launch().taskInfos()));
    }

    @Override
    public void decline(List<OfferId> offerIds, double refuseSeconds) {
        declined.addAll(offerIds);
    }

    @Override
    public void kill(String taskId, String agentId) {
        killed.add(taskId);
    }

    @Override
    public void acknowledge(TaskStatus status) {
        acknowledged.add(status);
    }

    @Override
    public void reconcile(List<TaskRef> tasks) {
        reconciled.add(List.copyOf(tasks));
    }

    @Override
    public void revive() {
        offerCalls.add("REVIVE");
    }

    @Override
    public void suppress() {
        offerCalls.add("SUPPRESS");
    }
}
