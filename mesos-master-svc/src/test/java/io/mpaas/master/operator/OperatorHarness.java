package io.mpaas.master.operator;

import io.mpaas.master.ConfiguredAllocator;
import io.mpaas.master.allocator.HierarchicalAllocator;
import io.mpaas.master.cluster.ClusterEvents;
import io.mpaas.master.framework.FrameworkLifecycle;
import io.mpaas.master.framework.SchedulerApiProperties;
import io.mpaas.master.offer.AllocationProperties;
import io.mpaas.master.offer.OfferBook;
import io.mpaas.master.offer.OfferCycle;
import io.mpaas.master.registry.InMemoryRegistry;
import io.mpaas.master.registry.QuotaConfig;
import io.mpaas.master.registry.Registry;
import io.mpaas.master.security.Acls;
import io.mpaas.master.task.TaskTracker;
import io.mpaas.master.web.MesosErrorAdvice;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.master.MaintenanceSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * Wires the operator feature over a {@link ClusterFixture} the way the application context does,
 * with an in-memory registry that can be made to fail. One per test.
 */
final class OperatorHarness {

    final ClusterFixture fx;
    final FlakyRegistry registry = new FlakyRegistry();
    final HierarchicalAllocator allocator;
    final OfferBook offers;
    final TermCounters counters;
    final OperatorSubscribers subscribers;
    final ClusterEvents events;
    final TaskTracker tasks;
    final FrameworkLifecycle lifecycle;
    final OfferCycle offerCycle;
    final MasterMetrics metrics;
    final OperatorProperties properties;
    final WeightUpdater weights;
    final QuotaUpdater quotas;
    final MaintenanceUpdater maintenance;
    final FrameworkTeardown teardown;
    final AgentGoneMarker goneMarker;

    OperatorHarness(ClusterFixture fx, String acls, Duration heartbeat, int maxSubscribers) {
        this.fx = fx;
        AllocationProperties allocation = new AllocationProperties(Duration.ofSeconds(1), Duration.ofSeconds(5), null,
                500);
        allocator = ConfiguredAllocator.of(allocation, fx.clock);
        offers = new OfferBook(fx.cluster, allocator, () -> { });
        properties = new OperatorProperties(heartbeat, maxSubscribers, 100_000, 1 << 20);
        counters = new TermCounters(fx.cluster);
        subscribers = new OperatorSubscribers(fx.reader, properties);
        events = new ClusterEvents(List.of(counters, subscribers));
        tasks = new TaskTracker(fx.cluster, allocator, events, () -> { }, fx.masterProperties);
        lifecycle = new FrameworkLifecycle(fx.cluster, allocator, offers, tasks, events, fx.clock,
                new SchedulerApiProperties(Duration.ofSeconds(5), 1 << 20, 1000), fx.masterProperties);
        offerCycle = new OfferCycle(fx.cluster, allocator, offers, allocation, fx.clock);
        metrics = new MasterMetrics(fx.cluster, counters, offerCycle, fx.reader, fx.clock);
        weights = new WeightUpdater(fx.cluster, registry, allocator, offers);
        quotas = new QuotaUpdater(fx.reader, registry, allocator, offers);
        maintenance = new MaintenanceUpdater(fx.cluster, registry, offers);
        teardown = new FrameworkTeardown(fx.cluster, lifecycle, Acls.parse(acls));
        goneMarker = new AgentGoneMarker(fx.cluster, registry, allocator, offers, tasks, events, fx.clock);
    }

    OperatorHarness(ClusterFixture fx) {
        this(fx, "", Duration.ofSeconds(5), 1000);
    }

    OperatorApiController apiController() {
        MasterBuild build = new MasterBuild("1.11.0", Instant.parse("2024-04-30T12:00:00Z"), "builder");
        return new OperatorApiController(fx.gate(), new OperatorQueries(fx.reader, fx.flags(), metrics, build),
                new OperatorCommands(weights, quotas, maintenance, teardown, goneMarker), subscribers, properties);
    }

    MockMvc mvc() {
        return MockMvcBuilders.standaloneSetup(
                new StateController(fx.gate(), fx.reader, fx.renderer(), fx.flags()),
                new ClusterSettingsController(fx.gate(), weights, quotas, maintenance, teardown, fx.reader),
                apiController(),
                new MetricsController(metrics))
                .setControllerAdvice(new MesosErrorAdvice()).build();
    }

    /** A registry that can be told to refuse writes, to show that a change is all or nothing. */
    static final class FlakyRegistry implements Registry {
        final InMemoryRegistry stored = new InMemoryRegistry();
        volatile boolean failing;
        /** The one write (counting from 0) that fails, or -1. */
        volatile int failingWrite = -1;
        private int writes;

        private synchronized void write() {
            if (failing || writes++ == failingWrite) {
                throw new IllegalStateException("database unavailable");
            }
        }

        @Override
        public RegistryState load() {
            return stored.load();
        }

        @Override
        public void admit(AgentInfo agent, Instant at) {
            write();
            stored.admit(agent, at);
        }

        @Override
        public void markUnreachable(AgentId agent, Instant at) {
            write();
            stored.markUnreachable(agent, at);
        }

        @Override
        public void markReachable(AgentInfo agent) {
            write();
            stored.markReachable(agent);
        }

        @Override
        public void markGone(AgentId agent, Instant at) {
            write();
            stored.markGone(agent, at);
        }

        @Override
        public void updateWeights(Map<String, Double> weights) {
            write();
            stored.updateWeights(weights);
        }

        @Override
        public void updateQuota(String role, QuotaConfig quota) {
            write();
            stored.updateQuota(role, quota);
        }

        @Override
        public void updateMaintenance(MaintenanceSchedule schedule) {
            write();
            stored.updateMaintenance(schedule);
        }
    }
}
