package io.mpaas.marathon.deployment;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.group.RootGroup;
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

    /** One step: actions that run in parallel. */
    public record DeploymentStep(List<DeploymentAction> actions) {
        public DeploymentStep {
            actions = List.copyOf(actions);
        }
    }
}
