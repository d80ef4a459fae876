package io.mpaas.marathon.scheduler;

import io.mpaas.marathon.framework.MesosCalls;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceEvent;
import io.mpaas.marathon.instance.InstanceTracker;
import io.mpaas.marathon.launch.LaunchDelays;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.UnreachableStrategy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the scheduler does because time passed, decided on the loop from the injected clock:
 * unreachable instances become inactive and are expunged per their app's unreachableStrategy;
 * unconfirmed kills are sent again; launches that never reached RUNNING are killed (and count as
 * failures for the backoff); every app is scale-checked now and then, which repairs any drift.
 */
public final class SchedulerTimers {

    /** How often every app is scale-checked even if nothing about it changed. */
    static final Duration FULL_SCALE_CHECK = Duration.ofSeconds(30);

    private final InstanceTracker tracker;
    private final InstanceUpdates updates;
    private final LaunchDelays delays;
    private final Supplier<RootGroup> root;
    private final MesosCalls mesos;
    private final Reconciler reconciler;
    private final LaunchProperties properties;
    private final BooleanSupplier mayAct;
    private final Clock clock;
    private final Map<String, Instant> killsSent = new HashMap<>();
    private Instant lastFullCheck = Instant.EPOCH;

    public SchedulerTimers(InstanceTracker tracker, InstanceUpdates updates, LaunchDelays delays,
            Supplier<RootGroup> root, MesosCalls mesos, Reconciler reconciler, LaunchProperties properties,
            BooleanSupplier mayAct, Clock clock) {
        this.tracker = tracker;
        this.updates = updates;
        this.delays = delays;
        this.root = root;
        this.mesos = mesos;
        this.reconciler = reconciler;
        this.properties = properties;
        this.mayAct = mayAct;
        this.clock = clock;
    }

    public void tick(UnitOfWork work) {
        reconciler.tick();
        if (!mayAct.getAsBoolean()) {
            return;
        }
        Instant now = clock.instant();
        RootGroup current = root.get();
        for (Instance instance : List.copyOf(tracker.all())) {
            switch (instance.condition()) {
                case UNREACHABLE, UNREACHABLE_INACTIVE -> {
                    App app = current.app(instance.appId()).orElse(null);
                    UnreachableStrategy strategy = app == null || app.unreachableStrategy() == null
                            ? UnreachableStrategy.DEFAULT : app.unreachableStrategy();
                    updates.apply(work, instance, new InstanceEvent.UnreachableCheck(strategy, now));
                }
                case KILLING -> retryKill(work, instance, now);
                case PROVISIONED, STAGING, STARTING -> {
                    if (instance.stagedAt() != null
                            && !now.isBefore(instance.stagedAt().plus(properties.launchTimeout()))) {
                        App app = current.app(instance.appId()).orElse(null);
                        if (app != null) {
                            delays.raise(instance.appId(), instance.configVersion(), app, now);
                        }
                        updates.apply(work, instance, new InstanceEvent.KillRequested(now));
                    }
                }
                default -> {
                }
            }
        }
        killsSent.keySet().removeIf(taskId -> tracker.byTaskId(taskId).filter(i -> i.condition()
                == Condition.KILLING).isEmpty());
        if (!now.isBefore(lastFullCheck.plus(FULL_SCALE_CHECK))) {
            lastFullCheck = now;
            current.apps().keySet().forEach(work::touch);
            tracker.apps().forEach(work::touch);
        }
    }

    private void retryKill(UnitOfWork work, Instance instance, Instant now) {
        Instant last = killsSent.getOrDefault(instance.taskId(), instance.since());
        if (!now.isBefore(last.plus(properties.killRetry()))) {
            killsSent.put(instance.taskId(), now);
            work.afterCommit(() -> mesos.kill(instance.taskId(), instance.agentId()));
        }
    }
}
