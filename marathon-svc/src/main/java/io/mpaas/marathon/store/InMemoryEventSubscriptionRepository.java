package io.mpaas.marathon.store;

import io.mpaas.marathon.event.EventSubscriptionRepository;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The HTTP callback subscriptions in memory, for tests; in the order they were added. */
public final class InMemoryEventSubscriptionRepository implements EventSubscriptionRepository {

    private final Set<String> urls = new LinkedHashSet<>();

    @Override
    public synchronized List<String> all() {
        return List.copyOf(urls);
    }

    @Override
    public synchronized void add(String callbackUrl) {
        urls.add(Objects.requireNonNull(callbackUrl, "callbackUrl"));
    }

    @Override
    public synchronized boolean remove(String callbackUrl) {
        return urls.remove(callbackUrl);
    }
}
