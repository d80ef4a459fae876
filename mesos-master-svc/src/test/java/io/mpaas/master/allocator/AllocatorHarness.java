package io.mpaas.master.allocator;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An allocator with a mutable clock and a seeded shuffle, plus short ways to say what tests
 * do all the time. One per test: it holds no state beyond the allocator's.
 */
final class AllocatorHarness {

    final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    final HierarchicalAllocator allocator;

    AllocatorHarness() {
        this(AllocatorSettings.defaults());
    }

    AllocatorHarness(AllocatorSettings settings) {
        this.allocator = new HierarchicalAllocator(settings, clock, new SplittableRandom(42));
    }

    static AgentId agent(int n) {
        return AgentId.of("S" + n);
    }

    static FrameworkId framework(String name) {
        return FrameworkId.of(name);
    }

    AgentId addAgent(int n, String resources) {
        allocator.addAgent(agent(n), Resources.parse(resources), Map.of());
        return agent(n);
    }

    void addAgents(int count, String resources) {
        for (int i = 0; i < count; i++) {
            addAgent(i, resources);
        }
    }

    FrameworkId addFramework(String name, String... roles) {
        return addFramework(name, FrameworkSpec.of(roles));
    }

    FrameworkId addFramework(String name, FrameworkSpec spec) {
        allocator.addFramework(framework(name), spec, Map.of());
        return framework(name);
    }

    List<Allocation> allocate() {
        return allocator.allocate();
    }

    /** DECLINE (or an unused remainder) with a refusal; null means no filter. */
    void decline(Allocation a, Duration refuse) {
        allocator.recoverResources(a.framework(), a.agent(), a.role(), a.resources(), refuse);
    }

    /** Rescinded offer or finished task: no filter. */
    void recover(Allocation a) {
        allocator.recoverResources(a.framework(), a.agent(), a.role(), a.resources(), null);
    }

    static double cpus(List<Allocation> allocations, String role) {
        return allocations.stream().filter(a -> a.role().equals(role)).mapToDouble(a -> a.resources().scalar("cpus")).sum();
    }

    static long count(List<Allocation> allocations, FrameworkId framework) {
        return allocations.stream().filter(a -> a.framework().equals(framework)).count();
    }

    RoleView role(String name) {
        return allocator.roles().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
