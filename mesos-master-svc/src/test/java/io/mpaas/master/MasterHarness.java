package io.mpaas.master;

import io.mpaas.master.agent.AgentCalls;
import io.mpaas.master.agent.AgentHealth;
import io.mpaas.master.agent.AgentLinkProperties;
import io.mpaas.master.agent.AgentRegistrar;
import io.mpaas.master.agent.ReregisteredTasks;
import io.mpaas.master.allocator.AllocatorSettings;
import io.mpaas.master.allocator.HierarchicalAllocator;
import io.mpaas.master.allocator.MinAllocatable;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.cluster.ClusterEvents;
import io.mpaas.master.framework.FrameworkLifecycle;
import io.mpaas.master.framework.SchedulerApiProperties;
import io.mpaas.master.framework.SchedulerCalls;
import io.mpaas.master.ha.MasterTerm;
import io.mpaas.master.ha.TermMilestones;
import io.mpaas.master.offer.AllocationProperties;
import io.mpaas.master.offer.AllocationSignal;
import io.mpaas.master.offer.OfferBook;
import io.mpaas.master.offer.OfferCycle;
import io.mpaas.master.registry.InMemoryRegistry;
import io.mpaas.master.registry.RegistryMirror;
import io.mpaas.master.registry.RegistryWriter;
import io.mpaas.master.task.Reconciler;
import io.mpaas.master.task.StatusUpdates;
import io.mpaas.master.task.TaskLauncher;
import io.mpaas.master.task.TaskTracker;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.testkit.time.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * The master's components wired by hand in one JVM, for scenario tests: real cluster model,
 * allocator, task tracking and registry (in memory), no HTTP, no threads. Time moves only when a
 * test moves {@link #clock}; allocation and timeout checks run when a test calls them.
 */
final class MasterHarness implements AutoCloseable {

    static final Duration PING = Duration.ofSeconds(15);
    static final int MAX_MISSED = 5;
    static final Duration REREGISTER_WINDOW = Duration.ofMinutes(10);

    final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    final Cluster cluster = new Cluster();
    final InMemoryRegistry registry = new InMemoryRegistry();
    final RegistryWriter registryWriter = new RegistryWriter(registry);
    final HierarchicalAllocator allocator;
    final AllocationSignal signal = new AllocationSignal();
    final OfferBook offers;
    final TaskTracker tasks;
    final AgentHealth health;
    final AgentRegistrar registrar;
    final AgentCalls agentCalls;
    final FrameworkLifecycle frameworks;
    final SchedulerCalls calls;
    final OfferCycle offerCycle;
    final MasterTerm term;
    private int masters;

    MasterHarness() {
        this(new AllocationProperties(Duration.ofSeconds(1), Duration.ofSeconds(5), null, 500));
    }

    MasterHarness(AllocationProperties allocation) {
        allocator = new HierarchicalAllocator(new AllocatorSettings(allocation.interval(), allocation.defaultRefuse(),
                MinAllocatable.DEFAULT, true), clock, new Random(42));
        ClusterEvents events = new ClusterEvents(List.of());
        MasterProperties master = new MasterProperties("master", "10.0.0.1", Path.of("target/harness"), "test", 50,
                1000);
        AgentLinkProperties agentLink = new AgentLinkProperties(PING, MAX_MISSED, REREGISTER_WINDOW, 10_000);
        offers = new OfferBook(cluster, allocator, signal);
        tasks = new TaskTracker(cluster, allocator, events, signal, master);
        health = new AgentHealth(cluster, allocator, tasks, offers, events, registryWriter, agentLink, clock);
        ReregisteredTasks reregistered = new ReregisteredTasks(cluster, allocator, tasks, events, clock);
        registrar = new AgentRegistrar(cluster, registry, allocator, events, reregistered, health, signal, clock);
        StatusUpdates updates = new StatusUpdates(cluster, tasks);
        agentCalls = new AgentCalls(cluster, updates, allocator, clock);
        frameworks = new FrameworkLifecycle(cluster, allocator, offers, tasks, events, clock,
                new SchedulerApiProperties(Duration.ofSeconds(5), 1 << 20, 100_000), master);
        TaskLauncher launcher = new TaskLauncher(cluster, offers, allocator, tasks, clock, allocation);
        calls = new SchedulerCalls(cluster, frameworks, launcher, updates, new Reconciler(cluster, clock));
        offerCycle = new OfferCycle(cluster, allocator, offers, allocation, clock);
        term = new MasterTerm(cluster, new RegistryMirror(registry, clock), allocator, List.of(),
                new TermMilestones(clock), clock);
        elect();
    }

    /** Begins a new term as a new master (a failover when one was running: call {@link #loseLeadership} first). */
    void elect() {
        term.begin(MasterInfo.of("master-" + (masters++), "master", "10.0.0.1", 5050));
    }

    void loseLeadership() {
        term.end();
    }

    /** One allocation cycle; returns the number of offers made. */
    int allocate() {
        return offerCycle.allocate();
    }

    /** What the periodic checks do at the current time. */
    void checkTimeouts() {
        health.checkHealth(clock.instant());
        frameworks.checkFailovers(clock.instant());
        offerCycle.expireOffers(clock.instant());
    }

    FakeAgent agent(String hostname, String resources) {
        FakeAgent agent = new FakeAgent(this, hostname, resources);
        agent.register();
        return agent;
    }

    FakeFramework framework(FrameworkInfo info) {
        FakeFramework framework = new FakeFramework(this, info);
        framework.subscribe();
        return framework;
    }

    static FrameworkInfo frameworkInfo(String name, String role, double failoverTimeout,
            FrameworkInfo.Capability.Type... capabilities) {
        List<FrameworkInfo.Capability> caps = new java.util.ArrayList<>();
        caps.add(new FrameworkInfo.Capability(FrameworkInfo.Capability.Type.MULTI_ROLE));
        for (FrameworkInfo.Capability.Type c : capabilities) {
            caps.add(new FrameworkInfo.Capability(c));
        }
        return new FrameworkInfo("root", name, null, failoverTimeout, true, null, List.of(role), null, null, null,
                caps, null, null);
    }

    @Override
    public void close() {
        registryWriter.close();
    }
}
