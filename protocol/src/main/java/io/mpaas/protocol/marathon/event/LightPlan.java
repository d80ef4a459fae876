package io.mpaas.protocol.marathon.event;

import io.mpaas.protocol.marathon.Deployment;
import java.util.List;
import java.util.Objects;

/**
 * A deployment plan as deployment events carry it in Marathon's "light" plan format (the default since 1.7): the
 * steps and their actions, without the original and target groups, whose full app definitions made
 * {@code /v2/events} unusable on large clusters.
 *
 * @param id      the deployment id
 * @param version the target root group's version
 */
public record LightPlan(String id, List<Deployment.Step> steps, String version) {

    public LightPlan {
        Objects.requireNonNull(id, "id");
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** The plan of a deployment as {@code /v2/deployments} shows it. */
    public static LightPlan of(Deployment deployment) {
        return new LightPlan(deployment.id(), deployment.steps(), deployment.version());
    }
}
