package io.mpaas.marathon.event;

import java.util.List;

/** Durable list of HTTP callback URLs ({@code /v2/eventSubscriptions}). */
public interface EventSubscriptionRepository {

    List<String> all();

    /** Adds the URL; adding one twice keeps one. */
    void add(String callbackUrl);

    /** Removes the URL; returns whether it was there. */
    boolean remove(String callbackUrl);
}
