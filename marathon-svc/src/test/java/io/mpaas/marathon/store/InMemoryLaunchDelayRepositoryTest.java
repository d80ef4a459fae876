package io.mpaas.marathon.store;

import io.mpaas.marathon.launch.LaunchDelayRepository;

/** The launch delay contract on the in-memory store that scheduler tests use. */
class InMemoryLaunchDelayRepositoryTest extends LaunchDelayRepositoryContract {

    @Override
    LaunchDelayRepository repository() {
        return new InMemoryLaunchDelayRepository();
    }

    @Override
    LaunchDelayRepository restarted(LaunchDelayRepository first) {
        return first;
    }
}
