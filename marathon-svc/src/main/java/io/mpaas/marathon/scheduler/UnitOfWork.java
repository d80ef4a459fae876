package io.mpaas.marathon.scheduler;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.instance.Instance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The writes and the actions of one batch of scheduler work. Handlers change the in-memory state
 * at once (so later handlers of the batch see it) and record here what must be stored and what
 * must be done; the {@link SchedulerLoop} stores everything in one transaction and only then
 * carries out the actions (launches, kills, acknowledgements, events): persist first, then act.
 */
public final class UnitOfWork {

    private final Map<String, Instance> saves = new LinkedHashMap<>();
    private final Set<String> deletes = new LinkedHashSet<>();
    private final List<Runnable> actions = new ArrayList<>();
    private final Set<PathId> touchedApps = new LinkedHashSet<>();

    /** The instance is to be stored (inserted or replaced). */
    public void save(Instance instance) {
        deletes.remove(instance.instanceId());
        saves.put(instance.instanceId(), instance);
        touchedApps.add(instance.appId());
    }

    /** The instance is to be forgotten. */
    public void delete(Instance instance) {
        saves.remove(instance.instanceId());
        deletes.add(instance.instanceId());
        touchedApps.add(instance.appId());
    }

    /** Marks an app for the end-of-batch checks (its instances or its definition changed). */
    public void touch(PathId appId) {
        touchedApps.add(appId);
    }

    /** Whether the app's instances or definition changed in this batch so far. */
    public boolean touched(PathId appId) {
        return touchedApps.contains(appId);
    }

    /** Apps whose instances or definition changed in this batch. */
    public Set<PathId> touchedApps() {
        return Set.copyOf(touchedApps);
    }

    /** Runs after the writes are stored; an action that throws is logged and the others still run. */
    public void afterCommit(Runnable action) {
        actions.add(action);
    }

    List<Instance> saves() {
        return List.copyOf(saves.values());
    }

    Set<String> deletes() {
        return Set.copyOf(deletes);
    }

    List<Runnable> actions() {
        return actions;
    }
}
