package io.mpaas.marathon.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.event.EventSubscriptionRepository;
import org.junit.jupiter.api.Test;

/** What every {@link EventSubscriptionRepository} must do, run against the in-memory store and the JDBC one. */
abstract class EventSubscriptionRepositoryContract {

    /** A new, empty store. */
    abstract EventSubscriptionRepository repository();

    /** Another store on the same database, as a newly elected marathon has. */
    abstract EventSubscriptionRepository restarted(EventSubscriptionRepository first);

    @Test
    void urlsAreListedInTheOrderAddedAndAddingTwiceKeepsOne() {
        EventSubscriptionRepository subscriptions = repository();
        assertThat(subscriptions.all()).isEmpty();

        subscriptions.add("http://hooks.example.com:8080/marathon");
        subscriptions.add("http://a.example.com/callback?token=x");
        subscriptions.add("http://hooks.example.com:8080/marathon");

        assertThat(restarted(subscriptions).all())
                .containsExactly("http://hooks.example.com:8080/marathon", "http://a.example.com/callback?token=x");
    }

    @Test
    void removingSaysWhetherTheUrlWasThere() {
        EventSubscriptionRepository subscriptions = repository();
        subscriptions.add("http://a.example.com/callback");
        subscriptions.add("http://b.example.com/callback");

        assertThat(subscriptions.remove("http://a.example.com/callback")).isTrue();
        assertThat(subscriptions.remove("http://a.example.com/callback")).isFalse();
        assertThat(subscriptions.remove("http://never.example.com/")).isFalse();

        assertThat(restarted(subscriptions).all()).containsExactly("http://b.example.com/callback");
    }
}
