package io.mpaas.marathon.store;

import io.mpaas.marathon.launch.LaunchDelay;
import io.mpaas.marathon.launch.LaunchDelayRepository;
import io.mpaas.marathon.launch.LaunchDelays;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The launch delays in memory, for scheduler tests; one instance shared by two schedulers plays a failover.
 * Instants come back to the millisecond, as {@link JdbcLaunchDelayRepository} returns them.
 */
public final class InMemoryLaunchDelayRepository implements LaunchDelayRepository {

    private final Map<LaunchDelays.Key, LaunchDelay> delays = new HashMap<>();

    @Override
    public synchronized Map<LaunchDelays.Key, LaunchDelay> all() {
        return Map.copyOf(delays);
    }

    @Override
    public synchronized void write(Map<LaunchDelays.Key, LaunchDelay> saved, Collection<LaunchDelays.Key> removed) {
        removed.forEach(delays::remove);
        saved.forEach((key, delay) -> delays.put(new LaunchDelays.Key(key.appId(), millis(key.configVersion())),
                new LaunchDelay(delay.delay().truncatedTo(ChronoUnit.MILLIS), millis(delay.until()),
                        millis(delay.lastFailure()))));
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
