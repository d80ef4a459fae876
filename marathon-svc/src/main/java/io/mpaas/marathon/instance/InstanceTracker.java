package io.mpaas.marathon.instance;

import io.mpaas.marathon.app.PathId;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances in memory, indexed by id and by app. Written only by the scheduler loop (which
 * stores every change before it acts on it); read by anyone at any time, lock-free, so the API
 * never waits for the scheduler.
 */
public final class InstanceTracker implements InstanceView {

    private final Map<String, Instance> byId = new ConcurrentHashMap<>();
    private final Map<PathId, Map<String, Instance>> byApp = new ConcurrentHashMap<>();
    /** How many instances are SCHEDULED: asked after every batch of the loop, so not counted then. */
    private final AtomicInteger scheduled = new AtomicInteger();

    /** Replaces everything with what the store holds (a new leadership term). */
    public void load(Collection<Instance> instances) {
        byId.clear();
        byApp.clear();
        scheduled.set(0);
        instances.forEach(this::put);
    }

    /** Adds or replaces an instance. */
    public void put(Instance instance) {
        Instance previous = byId.put(instance.instanceId(), instance);
        if (previous != null && !previous.appId().equals(instance.appId())) {
            removeFromApp(previous);
        }
        scheduled.addAndGet(scheduledCount(instance) - scheduledCount(previous));
        byApp.computeIfAbsent(instance.appId(), id -> new ConcurrentHashMap<>()).put(instance.instanceId(), instance);
    }

    /** Forgets an instance; returns it if it was known. */
    public Optional<Instance> remove(String instanceId) {
        Instance previous = byId.remove(instanceId);
        if (previous != null) {
            removeFromApp(previous);
            scheduled.addAndGet(-scheduledCount(previous));
        }
        return Optional.ofNullable(previous);
    }

    private void removeFromApp(Instance instance) {
        byApp.computeIfPresent(instance.appId(), (id, instances) -> {
            instances.remove(instance.instanceId());
            return instances.isEmpty() ? null : instances;
        });
    }

    private static int scheduledCount(Instance instance) {
        return instance != null && instance.condition() == Condition.SCHEDULED ? 1 : 0;
    }

    @Override
    public boolean anyScheduled() {
        return scheduled.get() > 0;
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
