package io.mpaas.marathon.deployment;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.app.AppDiff;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.DeploymentAction.RestartApplication;
import io.mpaas.marathon.deployment.DeploymentAction.ScaleApplication;
import io.mpaas.marathon.deployment.DeploymentAction.StartApplication;
import io.mpaas.marathon.deployment.DeploymentAction.StopApplication;
import io.mpaas.marathon.deployment.DeploymentPlan.DeploymentStep;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.MarathonError.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Works out the deployment that moves the cluster from one root to the next, the way Marathon
 * orders it, so that clients see the same steps in {@code /v2/deployments}:
 * <ol>
 *   <li>{@code StopApplication} for every removed app; when removed apps depend on each other the
 *       stops are split into steps, dependents first (stopping runs in reverse dependency order);</li>
 *   <li>one step of {@code StartApplication} for every new app (a no-op kept for compatibility);</li>
 *   <li>one step per layer of the target's dependency graph, dependencies first: a new app is scaled
 *       to its instances, a scale-only change (or a change to 0 instances, or instances sentenced by a
 *       kill with {@code scale=true}) is scaled, any other change restarts the app.</li>
 * </ol>
 * Unchanged apps produce nothing and empty steps are dropped. Pure: no I/O, no clock.
 */
public final class DeploymentPlanner {

    /** Marathon's message for a target whose dependency graph has a cycle. */
    public static final String CYCLIC_DEPENDENCIES = "Dependency graph has cyclic dependencies.";

    private DeploymentPlanner() {
    }

    /**
     * The plan from {@code original} to {@code target}, versioned as the target.
     *
     * @throws MarathonFailure INVALID (422, path {@code /}) when the target's dependencies form a cycle
     */
    public static DeploymentPlan plan(RootGroup original, RootGroup target, String id) {
        return plan(original, target, id, Map.of());
    }

    /**
     * The plan from {@code original} to {@code target}, where {@code sentenced} names, per app, the
     * instances to kill first when it is scaled (a task kill with {@code scale=true}). An app with
     * sentenced instances is scaled even if its definition did not change otherwise.
     *
     * @throws MarathonFailure INVALID (422, path {@code /}) when the target's dependencies form a cycle
     */
    public static DeploymentPlan plan(RootGroup original, RootGroup target, String id,
            Map<PathId, List<String>> sentenced) {
        List<Set<PathId>> targetLayers = DependencyLayers.of(target).orElseThrow(() -> MarathonFailure.invalid(
                List.of(new Violation("/", List.of(CYCLIC_DEPENDENCIES)))));
        List<DeploymentStep> steps = new ArrayList<>(stopSteps(original, target));
        steps.add(new DeploymentStep(target.apps().entrySet().stream()
                .filter(e -> !original.apps().containsKey(e.getKey()))
                .map(e -> (DeploymentAction) new StartApplication(e.getValue())).toList()));
        for (Set<PathId> layer : targetLayers) {
            List<DeploymentAction> actions = new ArrayList<>();
            for (PathId app : layer) {
                action(original.apps().get(app), target.apps().get(app), sentenced.getOrDefault(app, List.of()))
                        .ifPresent(actions::add);
            }
            steps.add(new DeploymentStep(actions));
        }
        return new DeploymentPlan(id, target.version(), original, target,
                steps.stream().filter(step -> !step.actions().isEmpty()).toList());
    }

    /**
     * Stops for the removed apps, dependents before their dependencies (layers of the original
     * taken from the top). An original with a cycle could never have been stored through this
     * planner; should one exist, all stops go in one step rather than refusing to remove anything.
     */
    private static List<DeploymentStep> stopSteps(RootGroup original, RootGroup target) {
        List<Set<PathId>> layers = DependencyLayers.of(original).orElseGet(() -> List.of(original.apps().keySet()));
        List<DeploymentStep> steps = new ArrayList<>();
        for (Set<PathId> layer : layers.reversed()) {
            steps.add(new DeploymentStep(layer.stream().filter(app -> !target.apps().containsKey(app))
                    .map(app -> (DeploymentAction) new StopApplication(original.apps().get(app))).toList()));
        }
        return steps;
    }

    /** What to do with one app of the target; empty when it did not change. */
    private static Optional<DeploymentAction> action(App from, App to, List<String> sentenced) {
        if (from == null) {
            return Optional.of(new ScaleApplication(to, to.instanceCount(), List.of()));
        }
        boolean scaleOnly = AppDiff.isScaleOnly(from, to);
        boolean rescaled = from.instanceCount() != to.instanceCount();
        if ((scaleOnly && (rescaled || !sentenced.isEmpty())) || (to.instanceCount() == 0 && !from.equals(to))) {
            return Optional.of(new ScaleApplication(to, to.instanceCount(), sentenced));
        }
        if (AppDiff.needsRestart(from, to)) {
            return Optional.of(new RestartApplication(to));
        }
        return Optional.empty();
    }
}
