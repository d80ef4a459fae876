package io.mpaas.marathon.store;

import io.mpaas.marathon.event.EventSubscriptionRepository;
import java.util.List;
import java.util.Objects;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The HTTP callback subscriptions in the service's database, listed in the order they were added. */
public final class JdbcEventSubscriptionRepository implements EventSubscriptionRepository {

    private final JdbcTemplate jdbc;

    public JdbcEventSubscriptionRepository(JdbcTemplate jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    @Override
    public List<String> all() {
        return jdbc.queryForList("select callback_url from marathon_event_subscription order by id", String.class);
    }

    @Override
    public void add(String callbackUrl) {
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        Integer known = jdbc.queryForObject("select count(*) from marathon_event_subscription where callback_url = ?",
                Integer.class, callbackUrl);
        if (known != null && known > 0) {
            return;
        }
        try {
            jdbc.update("insert into marathon_event_subscription (callback_url) values (?)", callbackUrl);
        } catch (DuplicateKeyException e) {
            // Added by a concurrent request between the check and the insert: it is there, as asked.
        }
    }

    @Override
    public boolean remove(String callbackUrl) {
        return jdbc.update("delete from marathon_event_subscription where callback_url = ?", callbackUrl) > 0;
    }
}
