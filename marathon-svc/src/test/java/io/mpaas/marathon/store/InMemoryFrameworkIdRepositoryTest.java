package io.mpaas.marathon.store;

import io.mpaas.marathon.framework.FrameworkIdRepository;

/** The framework id contract on the in-memory store. */
class InMemoryFrameworkIdRepositoryTest extends FrameworkIdRepositoryContract {

    @Override
    FrameworkIdRepository repository() {
        return new InMemoryFrameworkIdRepository();
    }

    @Override
    FrameworkIdRepository restarted(FrameworkIdRepository first) {
        return first;
    }
}
