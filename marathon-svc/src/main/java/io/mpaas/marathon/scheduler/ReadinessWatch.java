package io.mpaas.marathon.scheduler;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.health.ReadinessChecks;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceTracker;
import io.mpaas.protocol.marathon.App;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import io.mpaas.marathon.group.RootGroup;

/** Starts readiness checks for running instances of apps that have one, and stops them for instances that left. */
public final class ReadinessWatch {

    private final InstanceTracker tracker;
    private final Supplier<RootGroup> root;
    private final ReadinessChecks readiness;
    private final Set<String> watched = new HashSet<>();

    public ReadinessWatch(InstanceTracker tracker, Supplier<RootGroup> root, ReadinessChecks readiness) {
        this.tracker = tracker;
        this.root = root;
        this.readiness = readiness;
    }

    void watch(Set<PathId> apps) {
        for (PathId appId : apps) {
            App app = root.get().app(appId).orElse(null);
            if (app == null || !ReadinessChecks.hasReadinessCheck(app)) {
                continue;
            }
            for (Instance instance : tracker.of(appId)) {
                if (instance.condition() == Condition.RUNNING && watched.add(instance.instanceId())) {
                    readiness.watch(app, instance);
                }
            }
        }
        watched.removeIf(id -> {
            boolean gone = tracker.byInstanceId(id).filter(i -> i.condition() == Condition.RUNNING).isEmpty();
            if (gone) {
                readiness.forget(id);
            }
            return gone;
        });
    }
}
