package io.mpaas.marathon.scheduler;

import io.mpaas.marathon.event.Events;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.marathon.health.HealthSink;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceEvent;
import io.mpaas.marathon.instance.InstanceTracker;
import io.mpaas.marathon.instance.Killer;
import io.mpaas.marathon.launch.LaunchDelays;
import io.mpaas.protocol.marathon.MarathonTask.HealthCheckResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Kills outside deployments (API kills without scale, health-check kills) and stores the results
 * of marathon-run health checks. All on the scheduler loop.
 */
public final class KillService implements Killer, HealthSink {

    private final SchedulerLoop loop;
    private final InstanceTracker tracker;
    private final InstanceUpdates updates;
    private final LaunchDelays delays;
    private final Supplier<RootGroup> root;
    private final Events events;
    private final Clock clock;

    public KillService(SchedulerLoop loop, InstanceTracker tracker, InstanceUpdates updates, LaunchDelays delays,
            Supplier<RootGroup> root, Events events, Clock clock) {
        this.loop = loop;
        this.tracker = tracker;
        this.updates = updates;
        this.delays = delays;
        this.root = root;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public List<Instance> kill(Collection<String> instanceIds) {
        List<String> ids = List.copyOf(instanceIds);
        return loop.call(work -> {
            List<Instance> killed = new ArrayList<>();
            for (String id : ids) {
                tracker.byInstanceId(id).ifPresent(instance -> {
                    killed.add(instance);
                    updates.apply(work, instance, new InstanceEvent.KillRequested(clock.instant()));
                });
            }
            return killed;
        });
    }

    @Override
    public void record(String instanceId, List<HealthCheckResult> results) {
        List<HealthCheckResult> copy = List.copyOf(results);
        loop.submit(work -> tracker.byInstanceId(instanceId).ifPresent(instance -> {
            Instance updated = instance.withHealthResults(copy);
            if (aliveFlags(instance.healthResults()).equals(aliveFlags(copy))) {
                // Same verdicts: keep the new counters in memory only; the store learns of every change of verdict.
                tracker.put(updated);
            } else {
                updates.put(work, updated);
                boolean wasHealthy = instance.isHealthy(checkCount(instance));
                boolean isHealthy = updated.isHealthy(checkCount(updated));
                if (wasHealthy != isHealthy) {
                    work.afterCommit(() -> events.instanceHealthChanged(updated, isHealthy));
                }
            }
        }));
    }

    private static List<Boolean> aliveFlags(List<HealthCheckResult> results) {
        return results.stream().map(HealthCheckResult::alive).toList();
    }

    private int checkCount(Instance instance) {
        return root.get().app(instance.appId()).map(a -> a.healthChecks() == null ? 0 : a.healthChecks().size())
                .orElse(0);
    }

    @Override
    public boolean killUnhealthy(Instance instance, String reason) {
        return loop.call(work -> {
            Optional<Instance> current = tracker.byInstanceId(instance.instanceId())
                    .filter(i -> Objects.equals(i.taskId(), instance.taskId()) && i.isActive());
            if (current.isEmpty()) {
                return false;
            }
            root.get().app(instance.appId()).ifPresent(app ->
                    delays.raise(instance.appId(), instance.configVersion(), app, clock.instant()));
            updates.apply(work, current.get(), new InstanceEvent.KillRequested(clock.instant()));
            return true;
        });
    }
}
