package io.mpaas.marathon.deployment;

import io.mpaas.marathon.group.RootGroup;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Turns changes of the root group into running deployments; the only way the desired state
 * changes. Changes are applied one at a time against the current root, so two concurrent
 * requests cannot lose each other's change.
 */
public interface Deployer {

    /**
     * Applies {@code change} to the current root and starts the deployment that carries it out.
     * The function gets the current root and the new version (strictly later than every stored
     * one) and returns the target root; it may throw a {@link io.mpaas.marathon.MarathonFailure},
     * which leaves everything unchanged. The target is stored (with the plan) before this returns.
     *
     * @param force cancel running deployments that touch the same apps instead of refusing
     * @return the started plan; an empty plan (nothing to do) is stored as the new root but never runs
     * @throws io.mpaas.marathon.MarathonFailure LOCKED on conflict without force, TOO_MANY_DEPLOYMENTS
     */
    DeploymentPlan deploy(BiFunction<RootGroup, Instant, RootGroup> change, boolean force);

    /** Running deployments with their progress, oldest first. */
    List<DeploymentStatus> running();

    /**
     * Cancels a deployment. Without {@code force}, a deployment that reverts its changes is
     * started and returned; with it, the deployment just stops where it is (empty).
     *
     * @throws io.mpaas.marathon.MarathonFailure NOT_FOUND for an unknown id
     */
    Optional<DeploymentPlan> cancel(String deploymentId, boolean force);

    /**
     * A deployment's progress.
     *
     * @param currentStep 0-based index of the running step
     * @param waiting     why the current step does not progress, if known (no fitting offers, crash
     *                    loop, ...); shown in {@code /v2/deployments}
     */
    record DeploymentStatus(DeploymentPlan plan, int currentStep, String waiting) {
    }
}
