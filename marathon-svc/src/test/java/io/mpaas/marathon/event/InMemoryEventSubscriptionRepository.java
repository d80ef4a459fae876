package io.mpaas.marathon.event;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The subscription store in memory, for tests of the event feature (the JPA one belongs to persistence). */
final class InMemoryEventSubscriptionRepository implements EventSubscriptionRepository {

    private final Set<String> urls = new LinkedHashSet<>();

    @Override
    public synchronized List<String> all() {
        return new ArrayList<>(urls);
    }

    @Override
    public synchronized void add(String callbackUrl) {
        urls.add(callbackUrl);
    }

    @Override
    public synchronized boolean remove(String callbackUrl) {
        return urls.remove(callbackUrl);
    }
}
