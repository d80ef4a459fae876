package io.mpaas.marathon.store;

import io.mpaas.marathon.instance.InstanceRepository;

/** The instance contract on the in-memory store that scheduler tests use. */
class InMemoryInstanceRepositoryTest extends InstanceRepositoryContract {

    @Override
    InstanceRepository repository() {
        return new InMemoryInstanceRepository();
    }
}
