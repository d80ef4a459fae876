package io.mpaas.marathon.scheduler;

import io.mpaas.marathon.event.Events;
import io.mpaas.marathon.framework.MesosCalls;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceEvent;
import io.mpaas.marathon.instance.InstanceSideEffect;
import io.mpaas.marathon.instance.InstanceStateMachine;
import io.mpaas.marathon.instance.InstanceStateMachine.Transition;
import io.mpaas.marathon.instance.InstanceTracker;
import io.mpaas.marathon.instance.TaskFailures;
import io.mpaas.marathon.launch.LaunchDelays;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Applies instance events on the scheduler loop: runs the state machine, updates the tracker,
 * records the write in the unit of work and turns side effects into actions after the commit.
 */
public final class InstanceUpdates {

    private final InstanceTracker tracker;
    private final LaunchDelays delays;
    private final TaskFailures failures;
    private final Supplier<RootGroup> root;
    private final MesosCalls mesos;
    private final Events events;
    private final Clock clock;

    public InstanceUpdates(InstanceTracker tracker, LaunchDelays delays, TaskFailures failures,
            Supplier<RootGroup> root, MesosCalls mesos, Events events, Clock clock) {
        this.tracker = tracker;
        this.delays = delays;
        this.failures = failures;
        this.root = root;
        this.mesos = mesos;
        this.events = events;
        this.clock = clock;
    }

    /** Stores a new or changed instance as it is (launch, health results). */
    public void put(UnitOfWork work, Instance instance) {
        tracker.put(instance);
        work.save(instance);
    }

    /** Applies {@code event} to {@code instance}; returns the new state (null when expunged). */
    public Instance apply(UnitOfWork work, Instance instance, InstanceEvent event) {
        Transition transition = InstanceStateMachine.apply(instance, event);
        if (transition.next() != null) {
            if (transition.next() != instance) {
                tracker.put(transition.next());
                work.save(transition.next());
            }
        }
        for (InstanceSideEffect effect : transition.effects()) {
            carryOut(work, effect);
        }
        return transition.next();
    }

    private void carryOut(UnitOfWork work, InstanceSideEffect effect) {
        switch (effect) {
            case InstanceSideEffect.KillTask kill -> work.afterCommit(() -> mesos.kill(kill.taskId(), kill.agentId()));
            case InstanceSideEffect.Expunge expunge -> {
                tracker.remove(expunge.last().instanceId());
                work.delete(expunge.last());
                failures.record(expunge.last());
            }
            case InstanceSideEffect.RaiseBackoff raise -> root.get().app(raise.instance().appId()).ifPresent(app ->
                    delays.raise(raise.instance().appId(), raise.instance().configVersion(), app, clock.instant()));
            case InstanceSideEffect.ConditionChanged changed ->
                    work.afterCommit(() -> events.instanceChanged(changed.instance()));
            case InstanceSideEffect.HealthChanged health ->
                    work.afterCommit(() -> events.instanceHealthChanged(health.instance(), health.healthy()));
        }
    }
}
