package io.mpaas.marathon.launch;

import io.mpaas.marathon.app.AppVersioning;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.protocol.marathon.App;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The launch delays of every app configuration: in memory for the launch queue, which asks for each
 * waiting configuration on every offer, and in a {@link LaunchDelayRepository} so that a new leader
 * {@link #load()}s them before it launches anything.
 *
 * <p>A delay belongs to an app's configuration ({@link AppVersioning#configVersion}, Marathon's
 * {@code configRef}), not to its version: a scale gives the app a new version with the same configuration,
 * and a crash-looping app scaled up must go on backing off. A configuration change starts without delay
 * (its key is new).
 *
 * <p>Each change (a failure that raises a delay, a reset, a delay forgotten because it expired or
 * its configuration went away) is applied in memory at once and marked; {@link #store()} writes the marked
 * ones. The scheduler loop stores after every batch, before the batch's launches go out, so many
 * failures of one configuration in a batch cost one write; an API reset stores at once. {@link #reset}
 * clears an app's delays ({@code DELETE /v2/queue/{id}/delay}, a restart, the app's removal).
 *
 * <p>Thread-safe: the loop raises and resets, API threads read and reset.
 */
public final class LaunchDelays {

    /** One configuration of an app, as instances refer to it ({@code configVersion}). */
    public record Key(PathId appId, Instant configVersion) {
        public Key {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(configVersion, "configVersion");
        }
    }

    private final LaunchDelayRepository repository;
    private final Map<Key, LaunchDelay> delays = new ConcurrentHashMap<>();
    /** Keys changed in memory since the last {@link #store()}. */
    private final Set<Key> unstored = ConcurrentHashMap.newKeySet();

    public LaunchDelays(LaunchDelayRepository repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /** Replaces the delays in memory with the stored ones: a new leadership term, before anything launches. */
    public synchronized void load() {
        Map<Key, LaunchDelay> stored = repository.all();
        delays.clear();
        unstored.clear();
        delays.putAll(stored);
    }

    /**
     * Records a failure at {@code now} of {@code app}'s instance that ran the configuration of
     * {@code configVersion}. A configuration that is no longer the app's is not delayed: none of its
     * instances launch any more.
     */
    public void raise(PathId appId, Instant configVersion, App app, Instant now) {
        if (app.version() != null && !AppVersioning.configVersion(app).equals(configVersion)) {
            return;
        }
        Key key = new Key(appId, configVersion);
        delays.compute(key, (k, previous) -> LaunchDelay.raise(previous, app, now));
        unstored.add(key);
    }

    /** The delay in force for this configuration, if any; forgets it once expired. */
    public Optional<LaunchDelay> current(PathId appId, Instant configVersion, App app, Instant now) {
        Key key = new Key(appId, configVersion);
        LaunchDelay delay = delays.get(key);
        if (delay != null && delay.expired(app, now)) {
            if (delays.remove(key, delay)) {
                unstored.add(key);
            }
            return Optional.empty();
        }
        return Optional.ofNullable(delay);
    }

    /** Whether launches of this configuration must wait at {@code now}. */
    public boolean blocks(PathId appId, Instant configVersion, App app, Instant now) {
        return current(appId, configVersion, app, now).map(d -> d.blocks(now)).orElse(false);
    }

    /** Clears every delay of the app; returns whether there was one. */
    public boolean reset(PathId appId) {
        return forget(key -> key.appId().equals(appId));
    }

    /**
     * Forgets the delays of apps that are gone from {@code root} and of configurations that are no longer
     * their app's: a configuration change starts without delay, so the old one's would never be asked again.
     * A scale keeps the configuration, and so the delay.
     */
    public void retainCurrentConfigs(RootGroup root) {
        forget(key -> root.app(key.appId()).filter(app -> app.version() != null).map(AppVersioning::configVersion)
                .filter(key.configVersion()::equals).isEmpty());
    }

    private boolean forget(Predicate<Key> which) {
        List<Key> gone = delays.keySet().stream().filter(which).toList();
        gone.forEach(key -> {
            delays.remove(key);
            unstored.add(key);
        });
        return !gone.isEmpty();
    }

    /** How many app configurations have a delay in memory. */
    public int size() {
        return delays.size();
    }

    /**
     * Writes every change since the last call: the delay now in memory for each changed key, or its
     * removal. On failure the changes stay marked for the next call and the exception is thrown.
     * Synchronized so that two callers cannot write one key's values out of order.
     */
    public synchronized void store() {
        if (unstored.isEmpty()) {
            return;
        }
        List<Key> changed = List.copyOf(unstored);
        // Unmarked before the values are read: a change made meanwhile marks its key again.
        changed.forEach(unstored::remove);
        Map<Key, LaunchDelay> saved = new HashMap<>();
        Set<Key> removed = new HashSet<>();
        for (Key key : changed) {
            LaunchDelay delay = delays.get(key);
            if (delay == null) {
                removed.add(key);
            } else {
                saved.put(key, delay);
            }
        }
        try {
            repository.write(saved, removed);
        } catch (RuntimeException e) {
            unstored.addAll(changed);
            throw e;
        }
    }
}
