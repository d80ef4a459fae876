package io.mpaas.marathon.store;

import io.mpaas.marathon.deployment.DeploymentRepository;

/** The deployment contract on the in-memory stores that scheduler tests use. */
class InMemoryDeploymentRepositoryTest extends DeploymentRepositoryContract {

    @Override
    Stores stores(int maxVersions) {
        InMemoryGroupRepository groups = new InMemoryGroupRepository(maxVersions);
        return new Stores(groups, new InMemoryDeploymentRepository(groups));
    }

    @Override
    DeploymentRepository restarted(Stores stores) {
        return stores.deployments();
    }
}
