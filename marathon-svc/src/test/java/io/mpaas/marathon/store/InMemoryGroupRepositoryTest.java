package io.mpaas.marathon.store;

import io.mpaas.marathon.group.GroupRepository;

/** The group contract on the in-memory store that scheduler tests use. */
class InMemoryGroupRepositoryTest extends GroupRepositoryContract {

    @Override
    GroupRepository repository(int maxVersions) {
        return new InMemoryGroupRepository(maxVersions);
    }

    @Override
    GroupRepository secondWriter(GroupRepository first) {
        return ((InMemoryGroupRepository) first).newWriter();
    }
}
