package io.mpaas.marathon.launch;

import io.mpaas.marathon.app.MarathonTime;
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
 * The launch delays of every app version: in memory for the launch queue, which asks for each
 * waiting version on every offer, and in a {@link LaunchDelayRepository} so that a new leader
 * {@link #load()}s them before it launches anything.
 *
 * <p>Each change (a failure that raises a delay, a reset, a delay forgotten because it expired or
 * its version went away) is applied in memory at once and marked; {@link #store()} writes the marked
 * ones. The scheduler loop stores after every batch, before the batch's launches go out, so many
 * failures of one version in a batch cost one write; an API reset stores at once. A new version
 * starts without delay (its key is new); {@link #reset} clears an app's delays
 * ({@code DELETE /v2/queue/{id}/delay}, a restart, the app's removal).
 *
 * <p>Thread-safe: the loop raises and resets, API threads read and reset.
 */
public final class LaunchDelays {

    /** One app version, as instances refer to it ({@code runSpecVersion}). */
    public record Key(PathId appId, Instant version) {
        public Key {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(version, "version");
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
     * Records a failure of {@code app}'s instance at {@code version} at {@code now}. A version that is no
     * longer the app's current one is not delayed: none of its instances launch any more.
     */
    public void raise(PathId appId, Instant version, App app, Instant now) {
        if (app.version() != null && !MarathonTime.parse(app.version()).equals(version)) {
            return;
        }
        Key key = new Key(appId, version);
        delays.compute(key, (k, previous) -> LaunchDelay.raise(previous, app, now));
        unstored.add(key);
    }

    /** The delay in force for this version, if any; forgets it once expired. */
    public Optional<LaunchDelay> current(PathId appId, Instant version, App app, Instant now) {
        Key key = new Key(appId, version);
        LaunchDelay delay = delays.get(key);
        if (delay != null && delay.expired(app, now)) {
            if (delays.remove(key, delay)) {
                unstored.add(key);
            }
            return Optional.empty();
        }
        return Optional.ofNullable(delay);
    }

    /** Whether launches of this version must wait at {@code now}. */
    public boolean blocks(PathId appId, Instant version, App app, Instant now) {
        return current(appId, version, app, now).map(d -> d.blocks(now)).orElse(false);
    }

    /** Clears every delay of the app; returns whether there was one. */
    public boolean reset(PathId appId) {
        return forget(key -> key.appId().equals(appId));
    }

    /**
     * Forgets the delays of apps that are gone from {@code root} and of versions that are no longer their
     * app's: a new version starts without delay, so the old one's would never be asked again.
     */
    public void retainCurrentVersions(RootGroup root) {
        forget(key -> root.app(key.appId()).map(App::version).map(MarathonTime::parse)
                .filter(key.version()::equals).isEmpty());
    }

    private boolean forget(Predicate<Key> which) {
        List<Key> gone = delays.keySet().stream().filter(which).toList();
        gone.forEach(key -> {
            delays.remove(key);
            unstored.add(key);
        });
        return !gone.isEmpty();
    }

    /** How many app versions have a delay in memory. */
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
