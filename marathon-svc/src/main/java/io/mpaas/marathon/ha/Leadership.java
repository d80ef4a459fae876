package io.mpaas.marathon.ha;

import java.util.Optional;

/** Who leads the marathons. Standalone (no ZooKeeper) this instance always does. */
public interface Leadership {

    boolean isLeader();

    /** The leader's {@code host:port} as Marathon shows it in {@code /v2/leader}; empty while none is known. */
    Optional<String> leaderHostPort();

    /** This instance's own {@code host:port}. */
    String self();

    /** Gives up leadership ({@code DELETE /v2/leader}); returns false when this instance does not lead. */
    boolean abdicate();
}
