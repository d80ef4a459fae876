package io.mpaas.protocol.mesos.client;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Writes down every callback, as one line each, and the threads they ran on. */
class RecordingListener implements SchedulerListener {

    final List<String> log = new CopyOnWriteArrayList<>();
    final List<Disconnection> disconnections = new CopyOnWriteArrayList<>();
    final List<SubscriptionFailure> failures = new CopyOnWriteArrayList<>();
    final List<TaskStatus> updates = new CopyOnWriteArrayList<>();
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    @Override
    public void onSubscribed(FrameworkId frameworkId, MasterInfo master, boolean reconnect) {
        record("SUBSCRIBED " + frameworkId + (reconnect ? " reconnect" : " new"));
    }

    @Override
    public void onOffers(List<Offer> offers) {
        record("OFFERS " + offers.stream().map(o -> o.id().value()).collect(Collectors.joining(",")));
    }

    @Override
    public void onRescind(OfferId offerId) {
        record("RESCIND " + offerId);
    }

    @Override
    public void onUpdate(TaskStatus status) {
        updates.add(status);
        record("UPDATE " + status.taskId() + " " + status.state());
    }

    @Override
    public void onDisconnected(Disconnection disconnection) {
        disconnections.add(disconnection);
        record("DISCONNECTED " + disconnection.cause());
    }

    @Override
    public void onMessage(AgentId agentId, ExecutorId executorId, byte[] data) {
        record("MESSAGE " + executorId + " " + new String(data, StandardCharsets.UTF_8));
    }

    @Override
    public void onFailure(Event.Failure failure) {
        record("FAILURE " + failure.agentId() + " " + failure.status());
    }

    @Override
    public void onError(String message) {
        record("ERROR " + message);
    }

    @Override
    public void onHeartbeat() {
        record("HEARTBEAT");
    }

    @Override
    public void onSubscriptionFailed(SubscriptionFailure failure) {
        failures.add(failure);
        record("FAILED " + failure.kind() + " " + failure.status());
    }

    @Override
    public void onOtherEvent(Event event) {
        record("OTHER " + event.type());
    }

    private void record(String line) {
        threads.add(Thread.currentThread());
        log.add(line);
    }
}
