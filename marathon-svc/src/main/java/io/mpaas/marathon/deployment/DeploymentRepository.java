package io.mpaas.marathon.deployment;

import java.util.List;

/**
 * Durable store of running deployment plans, so a new leader resumes them. A plan's roots are
 * stored by the GroupRepository; this store keeps the plan itself.
 */
public interface DeploymentRepository {

    List<DeploymentPlan> all();

    void save(DeploymentPlan plan);

    void delete(String deploymentId);
}
