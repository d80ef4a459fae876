package io.mpaas.marathon.fake;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.app.AppDiff;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.Deployer;
import io.mpaas.marathon.deployment.DeploymentAction;
import io.mpaas.marathon.deployment.DeploymentPlan;
import io.mpaas.marathon.deployment.DeploymentPlan.DeploymentStep;
import io.mpaas.marathon.group.DeploymentPreview;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.marathon.instance.ScalingKiller;
import io.mpaas.protocol.marathon.App;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * A deployer that applies changes to a {@link FakeGroupRepository} at once and keeps the plans as
 * "running" until a test finishes them: conflicts, force, the deployment limit and reverting
 * cancels behave as the real one's contract says. Plans are one step per kind of action; ids count
 * up ({@code 00000000-0000-0000-0000-000000000001}, ...).
 */
public final class FakeDeployer implements Deployer, ScalingKiller, DeploymentPreview {

    private final FakeGroupRepository repository;
    private final Clock clock;
    private final List<DeploymentStatus> running = new ArrayList<>();
    private long nextId = 1;
    private int maxRunning = 100;

    /** What each deploy call was told, in order. */
    public final List<Boolean> forces = Collections.synchronizedList(new ArrayList<>());
    /** The sentenced instances of the last kill-and-scale. */
    public volatile Map<PathId, List<String>> lastSentenced = Map.of();

    public FakeDeployer(FakeGroupRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public static String id(long n) {
        return new UUID(0, n).toString();
    }

    public synchronized void limitRunning(int max) {
        maxRunning = max;
    }

    /** The deployment finished: it is no longer running. */
    public synchronized void finish(String id) {
        running.removeIf(status -> status.plan().id().equals(id));
    }

    public synchronized void finishAll() {
        running.clear();
    }

    public synchronized void advance(String id, int step, String waiting) {
        for (int i = 0; i < running.size(); i++) {
            if (running.get(i).plan().id().equals(id)) {
                running.set(i, new DeploymentStatus(running.get(i).plan(), step, waiting));
            }
        }
    }

    @Override
    public synchronized DeploymentPlan deploy(BiFunction<RootGroup, Instant, RootGroup> change, boolean force) {
        forces.add(force);
        RootGroup original = repository.root();
        Instant now = clock.instant();
        Instant version = now.isAfter(original.version()) ? now : original.version().plusMillis(1);
        RootGroup target = change.apply(original, version);
        DeploymentPlan plan = new DeploymentPlan(id(nextId), version, original, target, steps(original, target));
        List<String> conflicting = running.stream().map(DeploymentStatus::plan)
                .filter(other -> other.affectedApps().stream().anyMatch(plan.affectedApps()::contains))
                .map(DeploymentPlan::id).toList();
        if (!conflicting.isEmpty() && !force) {
            throw MarathonFailure.locked(conflicting);
        }
        running.removeIf(status -> conflicting.contains(status.plan().id()));
        if (running.size() >= maxRunning) {
            throw MarathonFailure.of(MarathonFailure.Kind.TOO_MANY_DEPLOYMENTS, "Max deployments reached");
        }
        nextId++;
        repository.store(target);
        if (!plan.isEmpty()) {
            running.add(new DeploymentStatus(plan, 0, null));
        }
        return plan;
    }

    @Override
    public synchronized List<DeploymentStatus> running() {
        return List.copyOf(running);
    }

    @Override
    public synchronized Optional<DeploymentPlan> cancel(String deploymentId, boolean force) {
        DeploymentStatus status = running.stream().filter(s -> s.plan().id().equals(deploymentId)).findFirst()
                .orElseThrow(() -> MarathonFailure.notFound("DeploymentPlan " + deploymentId + " does not exist"));
        running.remove(status);
        if (force) {
            return Optional.empty();
        }
        DeploymentPlan cancelled = status.plan();
        return Optional.of(deploy((root, version) -> {
            RootGroup result = root;
            for (PathId app : cancelled.affectedApps()) {
                Optional<App> before = cancelled.original().app(app);
                result = before.isPresent() ? result.putApp(app, before.get()) : result.removeApp(app);
            }
            return result;
        }, true));
    }

    @Override
    public synchronized DeploymentPlan killAndScale(BiFunction<RootGroup, Instant, RootGroup> change,
            Map<PathId, List<String>> sentenced, boolean force) {
        lastSentenced = Map.copyOf(sentenced);
        return deploy(change, force);
    }

    @Override
    public DeploymentPlan plan(RootGroup original, RootGroup target) {
        return new DeploymentPlan(id(0), target.version(), original, target, steps(original, target));
    }

    /** Stops, then starts, then scales and restarts. */
    private static List<DeploymentStep> steps(RootGroup original, RootGroup target) {
        List<DeploymentAction> stops = new ArrayList<>();
        List<DeploymentAction> starts = new ArrayList<>();
        List<DeploymentAction> changes = new ArrayList<>();
        for (PathId id : original.changedApps(target)) {
            App from = original.apps().get(id);
            App to = target.apps().get(id);
            if (to == null) {
                stops.add(new DeploymentAction.StopApplication(from));
            } else if (from == null) {
                starts.add(new DeploymentAction.StartApplication(to));
                changes.add(new DeploymentAction.ScaleApplication(to, to.instanceCount(), List.of()));
            } else if (AppDiff.isScaleOnly(from, to) && java.util.Objects.equals(from.versionInfo() == null ? null
                    : from.versionInfo().lastConfigChangeAt(), to.versionInfo() == null ? null
                    : to.versionInfo().lastConfigChangeAt())) {
                changes.add(new DeploymentAction.ScaleApplication(to, to.instanceCount(), List.of()));
            } else {
                changes.add(new DeploymentAction.RestartApplication(to));
            }
        }
        List<DeploymentStep> steps = new ArrayList<>();
        for (List<DeploymentAction> actions : List.of(stops, starts, changes)) {
            if (!actions.isEmpty()) {
                steps.add(new DeploymentStep(actions));
            }
        }
        return steps;
    }
}
