package io.mpaas.marathon.group;

import io.mpaas.marathon.deployment.DeploymentPlan;

/**
 * Plans a deployment without starting it ({@code PUT /v2/groups?dryRun=true}): the planner the
 * {@link io.mpaas.marathon.deployment.Deployer} uses, called on its own.
 */
public interface DeploymentPreview {

    /** The plan that would move the cluster from {@code original} to {@code target}. */
    DeploymentPlan plan(RootGroup original, RootGroup target);
}
