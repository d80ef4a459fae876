package io.mpaas.master;

import static io.mpaas.master.MasterHarness.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Framework;
import io.mpaas.master.ha.MasterTerm;
import io.mpaas.master.ha.TermMilestones;
import io.mpaas.master.registry.Registry;
import io.mpaas.master.registry.RegistryMirror;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.master.MaintenanceSchedule;
import io.mpaas.master.registry.QuotaConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A failover as the new leader lives it: a framework that re-subscribes while the registry is
 * still being read (the scheduler API lets SUBSCRIBE through then) keeps its subscription through
 * the recovery, and gets offers as soon as the first agent is back.
 */
class FailoverScenarioTest {

    private final MasterHarness master = new MasterHarness();

    @AfterEach
    void close() {
        master.close();
    }

    @Test
    void aFrameworkThatSubscribesWhileTheRegistryIsReadKeepsItsSubscriptionAndGetsTheFirstAgent() throws Exception {
        FakeAgent agent = master.agent("host1", "cpus:2;mem:1024");
        master.agent("host2", "cpus:2;mem:1024");
        FakeFramework fw = master.framework(frameworkInfo("fw", "web", 3600));
        master.loseLeadership();

        HeldRegistry held = new HeldRegistry(master.registry);
        MasterTerm term = new MasterTerm(master.cluster, new RegistryMirror(held, master.clock), master.allocator,
                List.of(), new TermMilestones(master.clock), master.clock);
        CompletableFuture<Void> election = CompletableFuture.runAsync(
                () -> term.begin(MasterInfo.of("master-new", "master", "10.0.0.1", 5050)));
        Awaitility.await("the new leader reading its registry").atMost(Duration.ofSeconds(5))
                .until(() -> master.cluster.isLeading() && held.reading.getCount() == 0);
        assertThat(master.cluster.isRecovered()).isFalse();

        FakeFramework after = new FakeFramework(master, frameworkInfo("fw", "web", 3600).withId(fw.id()));
        after.subscribe();
        held.release.countDown();
        election.get(5, TimeUnit.SECONDS);

        assertThat(master.cluster.isRecovered()).isTrue();
        assertThat(master.cluster.frameworks().get(fw.id()).status()).isEqualTo(Framework.Status.ACTIVE);
        assertThat(master.cluster.agents().values()).extracting(Agent::status)
                .containsOnly(Agent.Status.RECOVERING);
        // The first agent back is offered at once to the framework that came before it.
        agent.reregister(List.of(), List.of());
        assertThat(master.allocate()).isEqualTo(1);
        assertThat(after.offers()).extracting(o -> o.agentId()).containsExactly(agent.id());
    }

    /** The registry, with reads that wait until the test lets them go. */
    private static final class HeldRegistry implements Registry {
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final Registry stored;

        HeldRegistry(Registry stored) {
            this.stored = stored;
        }

        private void hold() {
            reading.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public RegistryState load() {
            hold();
            return stored.load();
        }

        @Override
        public Head head() {
            hold();
            return stored.head();
        }

        @Override
        public void admit(AgentInfo agent, Instant at) {
            stored.admit(agent, at);
        }

        @Override
        public void markUnreachable(AgentId agent, Instant at) {
            stored.markUnreachable(agent, at);
        }

        @Override
        public void markReachable(AgentInfo agent) {
            stored.markReachable(agent);
        }

        @Override
        public void markGone(AgentId agent, Instant at) {
            stored.markGone(agent, at);
        }

        @Override
        public void updateWeights(Map<String, Double> weights) {
            stored.updateWeights(weights);
        }

        @Override
        public void updateQuota(String role, QuotaConfig quota) {
            stored.updateQuota(role, quota);
        }

        @Override
        public void updateMaintenance(MaintenanceSchedule schedule) {
            stored.updateMaintenance(schedule);
        }
    }
}
