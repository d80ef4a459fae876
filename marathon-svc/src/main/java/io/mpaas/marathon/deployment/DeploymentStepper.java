package io.mpaas.marathon.deployment;

import io.mpaas.marathon.app.AppVersioning;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.DeploymentAction.RestartApplication;
import io.mpaas.marathon.deployment.DeploymentAction.ScaleApplication;
import io.mpaas.marathon.deployment.DeploymentAction.StartApplication;
import io.mpaas.marathon.deployment.DeploymentAction.StopApplication;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Goal;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Decides, for one action of the running deployment step, what to do at this moment and whether the
 * action is done. Pure and stateless: every answer follows from the action and the app's instances
 * as they are now, so a new leader resumes a deployment by simply calling it again.
 *
 * <h2>Contract with the caller (the scheduler core)</h2>
 * <ul>
 *   <li>Call {@link #decide} when an action starts and again after every change to an instance of its
 *       app (status update, health or readiness result, expunge), passing <em>every</em> instance of
 *       the app the scheduler knows, in any goal and condition.</li>
 *   <li>Carry out the returned commands, recording their effect on the instances <em>before</em> calling
 *       again: {@link ScheduleInstances} creates that many
 *       {@code Instance.scheduled(appId, version, configVersion, now)} (goal Running, condition Scheduled)
 *       for the launch queue; {@link KillInstances} sets each named instance's goal to Decommissioned
 *       and has Mesos kill it if it was launched (a scheduled one just leaves the queue and may be
 *       expunged at once). Because scheduled and decommissioned instances
 *       are counted, a second call on the recorded state issues no command twice.</li>
 *   <li>Retrying unconfirmed kills, relaunching instances with goal Running that ended, and backoff
 *       belong to the kill service and the launch queue; this class never repeats a kill and never
 *       replaces a failed instance it already counts.</li>
 *   <li>When {@link Progress#complete()} is true the action is done; the step is done when all its
 *       actions are. A stop's caller then forgets the app (health checks, launch delay,
 *       {@code app_terminated_event}); a restart's caller resets the app's launch delay when it starts.</li>
 * </ul>
 *
 * <h2>Rules</h2>
 * An instance counts towards an app when its goal is Running and it is not UnreachableInactive (an
 * UnreachableInactive one is replaced: a replacement is scheduled). A counted instance
 * <em>serves</em> when it is running and healthy (all its checks, if the app has any) and, if it
 * runs the action's version and the app has readiness checks, {@code ready}. An instance is <em>of the
 * current configuration</em> when its {@code configVersion} is the app's
 * {@link AppVersioning#configVersion} (Marathon's {@code configRef}): whatever its version, scales since
 * it was created did not change what it runs. A decommissioned instance is <em>gone</em> when it is
 * terminal, unreachable (a kill cannot reach it; Marathon does not wait for such either), or was never
 * launched.
 * <ul>
 *   <li>Start: complete at once (the scale step that follows launches the instances).</li>
 *   <li>Scale: {@link ScaleDecision} (any version counts: a scale-only change does not replace
 *       instances of earlier versions, and scheduled ones of the same configuration launch with the
 *       current definition); complete when nothing is left to kill or start, every counted instance
 *       serves, and every decommissioned instance is gone.</li>
 *   <li>Restart: instances not of the current configuration are old. Old instances that are not
 *       launched, ended or UnreachableInactive are decommissioned at once (they serve nothing and hold
 *       nothing); the others are killed as {@link RestartBudget} allows, unhealthy
 *       first; new ones are scheduled as it allows; new ones beyond {@code instances} are killed.
 *       Complete when {@code instances} new ones serve and every old or decommissioned one is gone.</li>
 *   <li>Stop: every instance with goal Running is killed; complete when all are gone.</li>
 * </ul>
 */
public final class DeploymentStepper {

    private DeploymentStepper() {
    }

    /**
     * @param instances the instances of the action's app (others are ignored)
     * @param ready     whether a new instance passed the app's readiness checks; only asked when the
     *                  app has readiness checks
     * @throws IllegalArgumentException when a scale or restart's app has no version
     */
    public static Progress decide(DeploymentAction action, Collection<Instance> instances,
            Predicate<String> ready) {
        PathId appId = action.appId(); // parsed from the app's id: once, not once per instance
        List<Instance> own = instances.stream().filter(i -> i.appId().equals(appId)).toList();
        return switch (action) {
            case StartApplication start -> new Progress(List.of(), true);
            case StopApplication stop -> stop(stop.appId(), own);
            case ScaleApplication scale -> scale(scale, own, ready);
            case RestartApplication restart -> restart(restart.app(), own, ready);
        };
    }

    private static Progress stop(PathId appId, List<Instance> instances) {
        List<Instance> wanted = instances.stream().filter(i -> i.goal() == Goal.RUNNING).toList();
        List<Command> commands = kill(appId, wanted);
        return new Progress(commands, commands.isEmpty() && instances.stream().allMatch(DeploymentStepper::isGone));
    }

    private static Progress scale(ScaleApplication scale, List<Instance> instances, Predicate<String> ready) {
        App app = scale.app();
        ScaleDecision decision = ScaleDecision.decide(app, scale.scaleTo(), instances, scale.sentenced());
        Instant version = AppVersioning.version(app);
        List<Command> commands = new ArrayList<>(kill(scale.appId(), decision.toKill()));
        if (decision.toStart() > 0) {
            commands.add(new ScheduleInstances(scale.appId(), version, AppVersioning.configVersion(app),
                    decision.toStart()));
        }
        Predicate<Instance> serves = serving(app, version, ready);
        boolean complete = commands.isEmpty()
                && instances.stream().filter(ScaleDecision::counts).allMatch(serves)
                && decommissionedAreGone(instances);
        return new Progress(commands, complete);
    }

    private static Progress restart(App app, List<Instance> instances, Predicate<String> ready) {
        PathId appId = PathId.of(app.id());
        Instant version = AppVersioning.version(app);
        Instant config = AppVersioning.configVersion(app);
        int n = app.instanceCount();
        int checks = app.healthChecks() == null ? 0 : app.healthChecks().size();
        KillSelector selector = KillSelector.of(app);
        Predicate<Instance> serves = serving(app, version, ready);

        List<Instance> fresh = instances.stream().filter(i -> i.hasConfig(config))
                .filter(ScaleDecision::counts).toList();
        List<Instance> surplus = fresh.size() > n ? selector.select(fresh, List.of(), fresh.size() - n) : List.of();
        fresh = fresh.stream().filter(i -> !surplus.contains(i)).toList();
        int freshServing = (int) fresh.stream().filter(serves).count();

        List<Instance> old = instances.stream().filter(i -> !i.hasConfig(config)).toList();
        List<Instance> oldWanted = old.stream().filter(i -> i.goal() == Goal.RUNNING).toList();
        List<Instance> idle = oldWanted.stream().filter(i -> !launchedAndCounted(i)).toList();
        List<Instance> oldServing = oldWanted.stream().filter(DeploymentStepper::launchedAndCounted)
                .sorted(Comparator.<Instance, Boolean>comparing(i -> i.isHealthy(checks))
                        .thenComparing(selector.order()))
                .toList();
        int oldActive = oldServing.size()
                + (int) old.stream().filter(i -> i.goal() == Goal.DECOMMISSIONED && !isGone(i)).count();

        RestartBudget.Allowance allowance = RestartBudget.of(app).allowance(oldServing.size(), oldActive,
                fresh.size(), freshServing);
        List<Instance> toKill = Stream.of(surplus, idle, oldServing.subList(0, allowance.killOld()))
                .flatMap(List::stream).toList();
        List<Command> commands = new ArrayList<>(kill(appId, toKill));
        if (allowance.startNew() > 0) {
            commands.add(new ScheduleInstances(appId, version, config, allowance.startNew()));
        }
        boolean complete = commands.isEmpty() && fresh.size() == n && freshServing == n && oldWanted.isEmpty()
                && decommissionedAreGone(instances);
        return new Progress(commands, complete);
    }

    private static List<Command> kill(PathId appId, List<Instance> instances) {
        return instances.isEmpty() ? List.of()
                : List.of(new KillInstances(appId, instances.stream().map(Instance::instanceId).toList()));
    }

    /** Launched, not ended and not given up as unreachable: an old instance that may still serve. */
    private static boolean launchedAndCounted(Instance instance) {
        return instance.isActive() && instance.condition() != Condition.UNREACHABLE_INACTIVE;
    }

    private static Predicate<Instance> serving(App app, Instant version, Predicate<String> ready) {
        int checks = app.healthChecks() == null ? 0 : app.healthChecks().size();
        boolean readiness = app.readinessChecks() != null && !app.readinessChecks().isEmpty();
        return i -> i.isHealthy(checks)
                && (!readiness || !i.runSpecVersion().equals(version) || ready.test(i.instanceId()));
    }

    /** A decommissioned instance that holds nothing any more and needs no kill confirmation. */
    static boolean isGone(Instance instance) {
        Condition c = instance.condition();
        return instance.goal() == Goal.DECOMMISSIONED && (c.isTerminal() || c == Condition.SCHEDULED
                || c == Condition.UNREACHABLE || c == Condition.UNREACHABLE_INACTIVE);
    }

    private static boolean decommissionedAreGone(List<Instance> instances) {
        return instances.stream().filter(i -> i.goal() == Goal.DECOMMISSIONED).allMatch(DeploymentStepper::isGone);
    }

    /**
     * What to do now and whether the action is done.
     *
     * @param commands to carry out in this order (kills before launches, so capacity frees first)
     */
    public record Progress(List<Command> commands, boolean complete) {
        public Progress {
            commands = List.copyOf(commands);
        }
    }

    /** A change the caller records on the instances and then carries out. */
    public sealed interface Command {
        PathId appId();
    }

    /**
     * Create {@code count} new instances of the app at {@code version}, whose configuration last changed at
     * {@code configVersion}, goal Running, for the launch queue.
     */
    public record ScheduleInstances(PathId appId, Instant version, Instant configVersion, int count)
            implements Command {
        public ScheduleInstances {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(configVersion, "configVersion");
            if (count <= 0) {
                throw new IllegalArgumentException("count must be positive: " + count);
            }
        }
    }

    /** Set these instances' goal to Decommissioned and kill the launched ones, in this order. */
    public record KillInstances(PathId appId, List<String> instanceIds) implements Command {
        public KillInstances {
            Objects.requireNonNull(appId, "appId");
            instanceIds = List.copyOf(instanceIds);
        }
    }
}
