package io.mpaas.marathon.instance;

import io.mpaas.marathon.app.PathId;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The instances in memory, indexed by id, by app, and the SCHEDULED ones in launch order. Written
 * only by the scheduler loop (which stores every change before it acts on it); read by anyone at any
 * time, lock-free, so the API never waits for the scheduler.
 */
public final class InstanceTracker implements InstanceView {

    private final Map<String, Instance> byId = new ConcurrentHashMap<>();
    private final Map<PathId, Map<String, Instance>> byApp = new ConcurrentHashMap<>();
    /**
     * The SCHEDULED instances in launch order: the launch queue walks them for every batch of offers, and
     * walking all instances (10,000 running, a few waiting) each time cost more than the matching.
     */
    private final ConcurrentSkipListSet<Instance> scheduled = new ConcurrentSkipListSet<>(LAUNCH_ORDER);

    /** Replaces everything with what the store holds (a new leadership term). */
    public void load(Collection<Instance> instances) {
        byId.clear();
        byApp.clear();
        scheduled.clear();
        instances.forEach(this::put);
    }

    /** Adds or replaces an instance. */
    public void put(Instance instance) {
        Instance previous = byId.put(instance.instanceId(), instance);
        if (previous != null && !previous.appId().equals(instance.appId())) {
            removeFromApp(previous);
        }
        // Out before in: the set tells instances apart by (since, id), which a replacement may share.
        if (isScheduled(previous)) {
            scheduled.remove(previous);
        }
        if (isScheduled(instance)) {
            scheduled.add(instance);
        }
        byApp.computeIfAbsent(instance.appId(), id -> new ConcurrentHashMap<>()).put(instance.instanceId(), instance);
    }

    /** Forgets an instance; returns it if it was known. */
    public Optional<Instance> remove(String instanceId) {
        Instance previous = byId.remove(instanceId);
        if (previous != null) {
            removeFromApp(previous);
            if (isScheduled(previous)) {
                scheduled.remove(previous);
            }
        }
        return Optional.ofNullable(previous);
    }

    private void removeFromApp(Instance instance) {
        byApp.computeIfPresent(instance.appId(), (id, instances) -> {
            instances.remove(instance.instanceId());
            return instances.isEmpty() ? null : instances;
        });
    }

    private static boolean isScheduled(Instance instance) {
        return instance != null && instance.condition() == Condition.SCHEDULED;
    }

    @Override
    public boolean anyScheduled() {
        return !scheduled.isEmpty();
    }

    /** Without copying the app's instances: asked for every app a batch touched while it deploys. */
    @Override
    public boolean anyScheduled(PathId appId) {
        Map<String, Instance> instances = byApp.get(appId);
        if (instances == null) {
            return false;
        }
        for (Instance instance : instances.values()) {
            if (instance.condition() == Condition.SCHEDULED) {
                return true;
            }
        }
        return false;
    }

    /** A live, read-only view: iterating it while the loop changes instances sees some of the changes. */
    @Override
    public Collection<Instance> scheduled() {
        return Collections.unmodifiableCollection(scheduled);
    }

    @Override
    public Collection<Instance> all() {
        return Collections.unmodifiableCollection(byId.values());
    }

    @Override
    public List<Instance> of(PathId appId) {
        Map<String, Instance> instances = byApp.get(appId);
        return instances == null ? List.of() : List.copyOf(instances.values());
    }

    /**
     * The app's instances as they are now, not copied: for the scheduler loop, which alone changes them,
     * while it does not (deciding a deployment action reads them for every app a batch touched).
     */
    public Collection<Instance> live(PathId appId) {
        Map<String, Instance> instances = byApp.get(appId);
        return instances == null ? List.of() : Collections.unmodifiableCollection(instances.values());
    }

    @Override
    public Optional<Instance> byInstanceId(String instanceId) {
        return Optional.ofNullable(byId.get(instanceId));
    }

    /** The apps that have instances. */
    public Collection<PathId> apps() {
        return Collections.unmodifiableSet(byApp.keySet());
    }

    public int size() {
        return byId.size();
    }
}
