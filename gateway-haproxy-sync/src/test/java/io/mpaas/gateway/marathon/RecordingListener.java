package io.mpaas.gateway.marathon;

import io.mpaas.protocol.marathon.AppInfo;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Keeps every call in order, and notes whether two calls ever overlapped (the contract says they never do). */
final class RecordingListener implements ClusterListener {

    sealed interface Call {
    }

    record Snapshot(List<String> appIds) implements Call {
    }

    record Changed(String appId, boolean present) implements Call {
    }

    record Disconnected(String reason) implements Call {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicBoolean inCall = new AtomicBoolean();
    private final AtomicBoolean overlapped = new AtomicBoolean();

    @Override
    public void onSnapshot(List<AppInfo> apps) {
        record(new Snapshot(apps.stream().map(app -> app.app().id()).sorted().toList()));
    }

    @Override
    public void onAppChanged(String appId, Optional<AppInfo> app) {
        app.ifPresent(info -> {
            if (!info.app().id().equals(appId)) {
                throw new AssertionError("read " + info.app().id() + " for " + appId);
            }
        });
        record(new Changed(appId, app.isPresent()));
    }

    @Override
    public void onDisconnected(String reason) {
        record(new Disconnected(reason));
    }

    private void record(Call call) {
        if (!inCall.compareAndSet(false, true)) {
            overlapped.set(true);
        }
        calls.add(call);
        inCall.set(false);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Snapshot> snapshots() {
        return calls.stream().filter(Snapshot.class::isInstance).map(Snapshot.class::cast).toList();
    }

    List<Changed> changes(String appId) {
        return calls.stream().filter(Changed.class::isInstance).map(Changed.class::cast)
                .filter(change -> change.appId().equals(appId)).toList();
    }

    List<Disconnected> disconnects() {
        return calls.stream().filter(Disconnected.class::isInstance).map(Disconnected.class::cast).toList();
    }

    boolean overlapped() {
        return overlapped.get();
    }
}
