package io.mpaas.marathon.launch;

import io.mpaas.marathon.app.PathId;
import io.mpaas.protocol.marathon.App;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The launch delays of every app version. A new version starts without delay (its key is new);
 * {@link #reset} clears an app's delays ({@code DELETE /v2/queue/{id}/delay}, a restart).
 */
public final class LaunchDelays {

    private record Key(PathId appId, Instant version) {
    }

    private final Map<Key, LaunchDelay> delays = new ConcurrentHashMap<>();

    /** Records a failure of {@code app} (at its version) at {@code now}. */
    public LaunchDelay raise(PathId appId, Instant version, App app, Instant now) {
        return delays.compute(new Key(appId, version), (key, previous) -> LaunchDelay.raise(previous, app, now));
    }

    /** The delay in force for this version, if any; forgets it once expired. */
    public Optional<LaunchDelay> current(PathId appId, Instant version, App app, Instant now) {
        Key key = new Key(appId, version);
        LaunchDelay delay = delays.get(key);
        if (delay != null && delay.expired(app, now)) {
            delays.remove(key, delay);
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
        return delays.keySet().removeIf(key -> key.appId().equals(appId));
    }
}
