package io.mpaas.marathon.store;

import static io.mpaas.marathon.store.JdbcGroupRepository.instant;
import static io.mpaas.marathon.store.JdbcGroupRepository.timestamp;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.launch.LaunchDelay;
import io.mpaas.marathon.launch.LaunchDelayRepository;
import io.mpaas.marathon.launch.LaunchDelays;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The launch delays in the service's database, one row per app configuration with plain columns (the delay
 * is three values; nothing to gain from a JSON body). A write deletes every key it touches and inserts the
 * saved ones again, in one transaction: portable between PostgreSQL and H2 without an upsert, and cheap,
 * since delays change a few times per failing configuration.
 *
 * <p>The {@code version} column holds the configuration version ({@code versionInfo.lastConfigChangeAt}), as
 * delays are kept per configuration. It held the app version before; that is the same instant unless the
 * app's last change was a scale, so no migration was needed: a delay stored under a scale's version is
 * forgotten once, when the new leader loads it and finds no such configuration.
 */
public final class JdbcLaunchDelayRepository implements LaunchDelayRepository {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public JdbcLaunchDelayRepository(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public Map<LaunchDelays.Key, LaunchDelay> all() {
        Map<LaunchDelays.Key, LaunchDelay> result = new HashMap<>();
        jdbc.query("select app_id, version, delay_millis, delayed_until, last_failure from marathon_launch_delay",
                rs -> {
                    result.put(new LaunchDelays.Key(PathId.of(rs.getString("app_id")), instant(rs, "version")),
                            new LaunchDelay(Duration.ofMillis(rs.getLong("delay_millis")),
                                    instant(rs, "delayed_until"), instant(rs, "last_failure")));
                });
        return result;
    }

    @Override
    public void write(Map<LaunchDelays.Key, LaunchDelay> saved, Collection<LaunchDelays.Key> removed) {
        if (saved.isEmpty() && removed.isEmpty()) {
            return;
        }
        List<Object[]> keys = new ArrayList<>();
        removed.forEach(key -> keys.add(key(key)));
        saved.keySet().forEach(key -> keys.add(key(key)));
        List<Object[]> rows = saved.entrySet().stream().map(e -> new Object[] {e.getKey().appId().toString(),
                millis(e.getKey().configVersion()), e.getValue().delay().toMillis(), millis(e.getValue().until()),
                millis(e.getValue().lastFailure())}).toList();
        transactions.executeWithoutResult(status -> {
            jdbc.batchUpdate("delete from marathon_launch_delay where app_id = ? and version = ?", keys);
            if (!rows.isEmpty()) {
                jdbc.batchUpdate("insert into marathon_launch_delay (app_id, version, delay_millis, delayed_until,"
                        + " last_failure) values (?, ?, ?, ?, ?)", rows);
            }
        });
    }

    private static Object[] key(LaunchDelays.Key key) {
        return new Object[] {key.appId().toString(), millis(key.configVersion())};
    }

    /** Instants are kept to the millisecond, as everywhere in marathon's store (the columns hold microseconds). */
    private static OffsetDateTime millis(Instant instant) {
        return timestamp(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
