package io.mpaas.gateway.marathon;

import java.net.URI;
import java.util.List;

/**
 * Where the marathons are: asked again each time the feed (re)connects, so a discovered set that changed is
 * followed without a restart.
 */
@FunctionalInterface
public interface MarathonLocator {

    /** The marathons to try, in order (the likely leader first); never empty. */
    List<URI> candidates();

    /** The configured URLs, always the same. */
    static MarathonLocator of(MarathonSettings settings) {
        return settings::urls;
    }
}
