package io.mpaas.marathon.scheduler;

import io.mpaas.marathon.group.RootGroup;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The current root group in memory: what every reader sees. Set only on the scheduler loop,
 * after the root is stored.
 */
public final class RootHolder implements Supplier<RootGroup> {

    private volatile RootGroup root = RootGroup.empty(Instant.EPOCH);

    @Override
    public RootGroup get() {
        return root;
    }

    void set(RootGroup newRoot) {
        root = newRoot;
    }
}
