package io.mpaas.marathon.deployment;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.protocol.marathon.Deployment;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How to move the cluster from {@code original} to {@code target}: steps run one after another,
 * the actions of a step in parallel. Immutable; progress is kept apart (see DeploymentProgress).
 *
 * @param id      a UUID
 * @param version the target root's version
 */
public record DeploymentPlan(String id, Instant version, RootGroup original, RootGroup target,
        List<DeploymentStep> steps) {

    public DeploymentPlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(target, "target");
        steps = List.copyOf(steps);
    }

    /** Every app the plan touches: two plans that share one conflict. */
    public Set<PathId> affectedApps() {
        Set<PathId> result = new TreeSet<>();
        steps.forEach(step -> step.actions().forEach(action -> result.add(action.appId())));
        return result;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /**
     * The plan as {@code GET /v2/deployments} and deployment events show it.
     *
     * @param currentStep 0-based index of the running step
     */
    public Deployment toWire(int currentStep) {
        return toWire(currentStep, null);
    }

    /** As {@link #toWire(int)}, saying why the current step waits ({@code null}: it does not). */
    public Deployment toWire(int currentStep, String waiting) {
        List<Deployment.Step> wireSteps = steps.stream().map(step -> new Deployment.Step(step.actions().stream()
                .map(a -> new Deployment.Action(a.name(), a.app().id())).toList())).toList();
        List<Deployment.CurrentAction> current = currentStep < steps.size()
                ? steps.get(currentStep).actions().stream()
                        .map(a -> new Deployment.CurrentAction(a.name(), a.app().id(), List.of())).toList()
                : List.of();
        return new Deployment(id, MarathonTime.format(version), affectedApps().stream().map(PathId::toString)
                .toList(), List.of(), wireSteps, current, Math.min(currentStep + 1, steps.size()), steps.size(), waiting);
    }

    /** One step: actions that run in parallel. */
    public record DeploymentStep(List<DeploymentAction> actions) {
        public DeploymentStep {
            actions = List.copyOf(actions);
        }
    }
}
