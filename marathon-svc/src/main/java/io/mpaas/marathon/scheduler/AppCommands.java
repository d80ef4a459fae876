package io.mpaas.marathon.scheduler;

import io.mpaas.marathon.app.AppVersioning;
import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.DeploymentAction;
import io.mpaas.marathon.deployment.DeploymentStepper;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceEvent;
import io.mpaas.marathon.instance.InstanceTracker;
import io.mpaas.marathon.instance.TaskFailures;
import io.mpaas.marathon.launch.LaunchDelay;
import io.mpaas.marathon.launch.LaunchDelays;
import io.mpaas.marathon.launch.OfferStats;
import io.mpaas.protocol.marathon.App;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Carries out what the {@link DeploymentStepper} decides for one app, on the scheduler loop:
 * schedules new instances and decommissions the ones to go. Used by running deployments and by
 * the scale check that keeps apps without a deployment at their instance count.
 */
public final class AppCommands {

    private final InstanceTracker tracker;
    private final InstanceUpdates updates;
    private final Supplier<RootGroup> root;
    private final Predicate<String> ready;
    private final LaunchDelays delays;
    private final OfferStats offerStats;
    private final TaskFailures failures;
    private final Clock clock;

    /**
     * @param ready whether an instance passed its app's readiness checks (true for apps without any)
     */
    public AppCommands(InstanceTracker tracker, InstanceUpdates updates, Supplier<RootGroup> root,
            Predicate<String> ready, LaunchDelays delays, OfferStats offerStats, TaskFailures failures, Clock clock) {
        this.tracker = tracker;
        this.updates = updates;
        this.root = root;
        this.ready = ready;
        this.delays = delays;
        this.offerStats = offerStats;
        this.failures = failures;
        this.clock = clock;
    }

    /** Decides and carries out one action for this moment; returns the decision. */
    public DeploymentStepper.Progress step(UnitOfWork work, DeploymentAction action) {
        DeploymentStepper.Progress progress = DeploymentStepper.decide(action, tracker.live(action.appId()), ready);
        Instant now = clock.instant();
        for (DeploymentStepper.Command command : progress.commands()) {
            switch (command) {
                case DeploymentStepper.ScheduleInstances schedule -> {
                    for (int i = 0; i < schedule.count(); i++) {
                        updates.put(work, Instance.scheduled(schedule.appId(), schedule.version(),
                                schedule.configVersion(), now));
                    }
                }
                case DeploymentStepper.KillInstances kill -> kill.instanceIds().forEach(id ->
                        tracker.byInstanceId(id).ifPresent(instance ->
                                updates.apply(work, instance, new InstanceEvent.Decommissioned(now))));
            }
        }
        return progress;
    }

    /**
     * The scale check: every touched app that no deployment owns runs exactly its instance count (of any
     * version: scheduled ones of its current configuration launch with its current definition); instances
     * of apps that no longer exist are stopped.
     */
    public void scaleCheck(UnitOfWork work, Set<PathId> apps, Set<PathId> locked) {
        RootGroup current = root.get();
        for (PathId appId : apps) {
            if (locked.contains(appId)) {
                continue;
            }
            Optional<App> app = current.app(appId);
            if (app.isPresent()) {
                step(work, new DeploymentAction.ScaleApplication(app.get(), app.get().instanceCount(), null));
            } else if (!tracker.of(appId).isEmpty()) {
                step(work, new DeploymentAction.StopApplication(App.withId(appId.toString())));
            }
        }
    }

    /**
     * Why the app's scheduled instances do not launch, for {@code /v2/deployments} and {@code /v2/queue}:
     * a backoff after failures (a crash loop), or offers that do not fit and the main reason.
     */
    public Optional<String> whyWaiting(PathId appId) {
        if (!tracker.anyScheduled(appId)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<App> app = root.get().app(appId);
        if (app.isPresent()) {
            Optional<LaunchDelay> delay = delays.current(appId, AppVersioning.configVersion(app.get()), app.get(),
                    now);
            if (delay.isPresent() && delay.get().blocks(now)) {
                String last = failures.last(appId).map(f -> "; last: " + f.condition().mesosState() + " "
                        + (f.message() == null ? "" : f.message())).orElse("");
                return Optional.of("Launch delayed until " + MarathonTime.format(delay.get().until())
                        + " after task failures (backoff " + delay.get().delay().toMillis() / 1000.0 + " s" + last
                        + ")");
            }
        }
        OfferStats.Summary summary = offerStats.of(appId);
        if (summary.unused() > 0) {
            String reason = summary.rejections().entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).orElse("no matching resources");
            return Optional.of("Waiting for offers: " + summary.unused() + " of " + summary.processed()
                    + " offers did not fit, mostly " + reason);
        }
        return Optional.of("Waiting for offers");
    }
}
