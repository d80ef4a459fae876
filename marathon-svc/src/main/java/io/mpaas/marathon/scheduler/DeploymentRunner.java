package io.mpaas.marathon.scheduler;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.Deployer;
import io.mpaas.marathon.deployment.DeploymentAction;
import io.mpaas.marathon.deployment.DeploymentPlan;
import io.mpaas.marathon.deployment.DeploymentPlanReverter;
import io.mpaas.marathon.deployment.DeploymentPlanner;
import io.mpaas.marathon.deployment.DeploymentRepository;
import io.mpaas.marathon.deployment.DeploymentStepper;
import io.mpaas.marathon.event.Events;
import io.mpaas.marathon.group.GroupRepository;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.marathon.instance.TaskFailures;
import io.mpaas.marathon.launch.LaunchDelays;
import io.mpaas.marathon.health.ReadinessChecks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import io.mpaas.marathon.instance.ScalingKiller;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

/**
 * Runs deployments: turns root changes into stored plans ({@link Deployer}) and, after every
 * batch of the scheduler loop, moves each running plan on by asking the {@link DeploymentStepper}
 * what its current step needs now. Plans are stored, so a new leader resumes them from step one:
 * steps that are already done are recognised as complete at once.
 */
public final class DeploymentRunner implements Deployer, ScalingKiller {

    /** Marathon's --max_running_deployments. */
    static final int MAX_RUNNING = 100;

    private final SchedulerLoop loop;
    private final RootHolder root;
    private final GroupRepository groups;
    private final DeploymentRepository deployments;
    private final AppCommands commands;
    private final LaunchDelays delays;
    private final TaskFailures failures;
    private final Events events;
    private final BooleanSupplier leading;
    private final Clock clock;
    private final List<Running> running = new ArrayList<>();
    private Instant lastFullPass = Instant.EPOCH;
    private volatile List<DeploymentStatus> snapshot = List.of();
    private volatile Set<PathId> locked = Set.of();

    /**
     * How often every action of every running deployment is decided again even if nothing about its
     * app changed: refreshes why it waits (offer statistics change without touching an app).
     */
    static final Duration FULL_PASS = Duration.ofSeconds(1);

    /**
     * A plan in progress; {@code step} is 0-based; {@code started} holds actions already begun, and
     * {@code decided} the last decision of each begun action of the step (complete, why waiting).
     */
    private static final class Running {
        final DeploymentPlan plan;
        int step;
        String waiting;
        final Set<Integer> started = new HashSet<>();
        final Map<Integer, Decided> decided = new HashMap<>();

        Running(DeploymentPlan plan) {
            this.plan = plan;
        }
    }

    /**
     * An action's last decision: whether it was complete, and why it waited if not; when it was taken,
     * and whether its app changed since (a decision put off by {@link #decideAtMostEvery}).
     */
    private record Decided(PathId appId, boolean complete, String waiting, Instant at, boolean changedSince) {

        Decided changed() {
            return new Decided(appId, complete, waiting, at, true);
        }
    }

    /**
     * The least time between two decisions of one action that changes to its app bring about; zero: a
     * decision after every batch that touched the app. Each decision reads all the app's instances, so
     * while a large app's instances report in, deciding after every batch costs the scheduler loop
     * the app's size once per status update.
     */
    private Duration decideInterval = Duration.ZERO;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();

    public DeploymentRunner(SchedulerLoop loop, RootHolder root, GroupRepository groups,
            DeploymentRepository deployments, AppCommands commands, LaunchDelays delays, TaskFailures failures,
            Events events, BooleanSupplier leading, Clock clock) {
        this.loop = loop;
        this.root = root;
        this.groups = groups;
        this.deployments = deployments;
        this.commands = commands;
        this.delays = delays;
        this.failures = failures;
        this.events = events;
        this.leading = leading;
        this.clock = clock;
    }

    /** Loads the root and the stored plans (a new leadership term); runs on the loop. */
    public void load(UnitOfWork work) {
        root.set(groups.root());
        delays.retainCurrentConfigs(root.get());
        running.clear();
        deployments.all().stream().sorted(Comparator.comparing(DeploymentPlan::version)).forEach(plan -> {
            running.add(new Running(plan));
            plan.affectedApps().forEach(work::touch);
        });
        publishSnapshot();
    }

    @Override
    public DeploymentPlan deploy(BiFunction<RootGroup, Instant, RootGroup> change, boolean force) {
        requireLeader();
        return loop.call(work -> start(work, change, Map.of(), force));
    }

    @Override
    public DeploymentPlan killAndScale(BiFunction<RootGroup, Instant, RootGroup> change,
            Map<PathId, List<String>> sentenced, boolean force) {
        requireLeader();
        Map<PathId, List<String>> copy = Map.copyOf(sentenced);
        return loop.call(work -> start(work, change, copy, force));
    }

    private DeploymentPlan start(UnitOfWork work, BiFunction<RootGroup, Instant, RootGroup> change,
            Map<PathId, List<String>> sentenced, boolean force) {
        RootGroup current = root.get();
        Instant version = nextVersion(current);
        RootGroup target = change.apply(current, version).withVersion(version);
        DeploymentPlan plan = DeploymentPlanner.plan(current, target, UUID.randomUUID().toString(), sentenced);
        List<Running> conflicts = running.stream()
                .filter(r -> r.plan.affectedApps().stream().anyMatch(plan.affectedApps()::contains)).toList();
        if (!conflicts.isEmpty() && !force) {
            throw MarathonFailure.locked(conflicts.stream().map(r -> r.plan.id()).toList());
        }
        if (!plan.isEmpty() && running.size() - conflicts.size() >= MAX_RUNNING) {
            throw MarathonFailure.of(MarathonFailure.Kind.TOO_MANY_DEPLOYMENTS, "Max number of running deployments is "
                    + "exceeded (" + MAX_RUNNING + "). Wait before you attempt further deployments, cancel running "
                    + "deployments with force=true, or raise the limit.");
        }
        for (Running conflict : conflicts) {
            // Forced: the old deployment stops where it is; the new plan takes over from that state.
            deployments.delete(conflict.plan.id());
            running.remove(conflict);
        }
        if (groups.rootVersion(current.version()).isEmpty()) {
            // The first change of a fresh store: the plan refers to its original, so that is stored too.
            groups.store(current);
        }
        groups.store(target);
        root.set(target);
        delays.retainCurrentConfigs(target);
        target.changedApps(current).forEach(work::touch);
        if (!plan.isEmpty()) {
            deployments.save(plan);
            running.add(new Running(plan));
        } else {
            work.afterCommit(() -> events.deploymentSuccess(plan));
        }
        publishSnapshot();
        return plan;
    }

    /** A version strictly later than the current root's, so versions order changes even within one millisecond. */
    private Instant nextVersion(RootGroup current) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return now.isAfter(current.version()) ? now : current.version().plusMillis(1);
    }

    @Override
    public List<DeploymentStatus> running() {
        return snapshot;
    }

    @Override
    public Optional<DeploymentPlan> cancel(String deploymentId, boolean force) {
        requireLeader();
        return loop.call(work -> {
            Running found = running.stream().filter(r -> r.plan.id().equals(deploymentId)).findFirst()
                    .orElseThrow(() -> MarathonFailure.notFound("DeploymentPlan " + deploymentId + " does not exist"));
            if (force) {
                deployments.delete(deploymentId);
                running.remove(found);
                found.plan.affectedApps().forEach(work::touch);
                publishSnapshot();
                work.afterCommit(() -> events.deploymentFailed(found.plan, "Deployment was cancelled"));
                return Optional.empty();
            }
            DeploymentPlan rollback = start(work, (current, version) ->
                    DeploymentPlanReverter.revert(found.plan, current), Map.of(), true);
            work.afterCommit(() -> events.deploymentFailed(found.plan, "Deployment was rolled back"));
            return Optional.of(rollback);
        });
    }

    /**
     * Apps a running deployment is responsible for; the scale check leaves them alone. Asked after every
     * batch, so kept with the snapshot rather than collected from the plans each time.
     */
    public Set<PathId> lockedApps() {
        return locked;
    }

    /**
     * After every batch: moves every running plan as far as the instances allow. An action is decided
     * again when its app changed in the batch (its instances or definition: the batch touched it), when
     * its app has readiness checks (their results arrive off the loop), and for all actions once per
     * {@link #FULL_PASS}; otherwise its last decision stands, as nothing it depends on changed. This keeps
     * a batch's cost to the apps it touched: with 100 apps of 100 instances deploying, deciding every
     * action after every batch of status updates was most of the loop's time.
     */
    /**
     * Decides an action again at most once per {@code interval} when only its app's instances changed
     * (the first decision, the pass over everything every {@link #FULL_PASS}, and apps with readiness
     * checks are not held back); a change within the interval is decided when it ends. Returns this.
     */
    public DeploymentRunner decideAtMostEvery(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("decide interval " + interval + " is negative");
        }
        this.decideInterval = interval;
        return this;
    }

    public void progress(UnitOfWork work) {
        Instant now = clock.instant();
        boolean full = !now.isBefore(lastFullPass.plus(FULL_PASS));
        if (full) {
            lastFullPass = now;
        }
        boolean changed = false;
        for (Running deployment : List.copyOf(running)) {
            changed |= advance(work, deployment, full, now);
        }
        if (changed) {
            publishSnapshot();
        }
    }

    private boolean advance(UnitOfWork work, Running deployment, boolean full, Instant now) {
        boolean changed = false;
        while (deployment.step < deployment.plan.steps().size()) {
            int stepIndex = deployment.step;
            List<DeploymentAction> actions = deployment.plan.steps().get(stepIndex).actions();
            if (deployment.started.isEmpty()) {
                DeploymentPlan plan = deployment.plan;
                work.afterCommit(() -> events.deploymentInfo(plan, stepIndex));
            }
            boolean complete = true;
            String waiting = null;
            for (int i = 0; i < actions.size(); i++) {
                DeploymentAction action = actions.get(i);
                Decided last = deployment.decided.get(i);
                if (deployment.started.add(i) && action instanceof DeploymentAction.RestartApplication) {
                    delays.reset(action.appId());
                }
                boolean touched = last != null && work.touched(last.appId());
                if (last == null || full || ReadinessChecks.hasReadinessCheck(action.app())
                        || ((touched || last.changedSince()) && !now.isBefore(last.at().plus(decideInterval)))) {
                    PathId appId = last == null ? action.appId() : last.appId();
                    DeploymentStepper.Progress progress = commands.step(work, action);
                    last = new Decided(appId, progress.complete(),
                            progress.complete() ? null : commands.whyWaiting(appId).orElse(null), now, false);
                    deployment.decided.put(i, last);
                } else if (touched && !last.changedSince()) {
                    last = last.changed();
                    deployment.decided.put(i, last);
                    wakeUpAt(last.at().plus(decideInterval));
                }
                if (!last.complete()) {
                    complete = false;
                    waiting = waiting != null ? waiting : last.waiting();
                }
            }
            if (!java.util.Objects.equals(waiting, deployment.waiting)) {
                deployment.waiting = waiting;
                changed = true;
            }
            if (!complete) {
                return changed;
            }
            finishStep(work, deployment, actions);
            changed = true;
        }
        return changed;
    }

    /** Has the loop run a batch (and so this runner's pass) at {@code due}, for the decisions put off until then. */
    private void wakeUpAt(Instant due) {
        if (!wakeUpPending.compareAndSet(false, true)) {
            return;
        }
        Duration wait = Duration.between(clock.instant(), due);
        Thread.ofVirtual().name("deployment-wake-up").start(() -> {
            try {
                if (wait.isPositive()) {
                    Thread.sleep(wait);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                wakeUpPending.set(false);
            }
            loop.submit(work -> {
                // Nothing to do: the batch's end runs the deployments' pass.
            });
        });
    }

    private void finishStep(UnitOfWork work, Running deployment, List<DeploymentAction> actions) {
        DeploymentPlan plan = deployment.plan;
        int stepIndex = deployment.step;
        for (DeploymentAction action : actions) {
            if (action instanceof DeploymentAction.StopApplication stop) {
                delays.reset(stop.appId());
                failures.forget(stop.appId());
                work.afterCommit(() -> events.appTerminated(stop.appId()));
            }
        }
        work.afterCommit(() -> events.deploymentStepSuccess(plan, stepIndex));
        deployment.step++;
        deployment.started.clear();
        deployment.decided.clear();
        deployment.waiting = null;
        if (deployment.step >= plan.steps().size()) {
            deployments.delete(plan.id());
            running.remove(deployment);
            work.afterCommit(() -> events.deploymentSuccess(plan));
        }
    }

    private void publishSnapshot() {
        snapshot = running.stream().map(r -> new DeploymentStatus(r.plan, r.step, r.waiting)).toList();
        Set<PathId> apps = new HashSet<>();
        running.forEach(r -> apps.addAll(r.plan.affectedApps()));
        locked = Set.copyOf(apps);
    }

    private void requireLeader() {
        if (!leading.getAsBoolean()) {
            throw MarathonFailure.of(MarathonFailure.Kind.UNAVAILABLE, "Could not determine the current leader");
        }
    }
}
