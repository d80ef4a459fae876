package io.mpaas.master;

import io.mpaas.master.allocator.HierarchicalAllocator;
import io.mpaas.master.offer.AllocationProperties;
import java.time.Clock;

/**
 * The allocator exactly as the application configures it, for tests in other packages: they get
 * a real allocator without repeating (and drifting from) how its settings are built.
 */
public final class ConfiguredAllocator {

    private ConfiguredAllocator() {
    }

    public static HierarchicalAllocator of(AllocationProperties properties, Clock clock) {
        return new MasterConfiguration().allocator(properties, clock);
    }
}
