package io.mpaas.marathon.store;

import io.mpaas.marathon.event.EventSubscriptionRepository;

/** The subscription contract on the in-memory store. */
class InMemoryEventSubscriptionRepositoryTest extends EventSubscriptionRepositoryContract {

    @Override
    EventSubscriptionRepository repository() {
        return new InMemoryEventSubscriptionRepository();
    }

    @Override
    EventSubscriptionRepository restarted(EventSubscriptionRepository first) {
        return first;
    }
}
