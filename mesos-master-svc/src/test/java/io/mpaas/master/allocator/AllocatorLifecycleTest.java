package io.mpaas.master.allocator;

import static io.mpaas.master.allocator.AllocatorHarness.agent;
import static io.mpaas.master.allocator.AllocatorHarness.framework;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.Resources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Agents and frameworks coming, changing and going, and the read side that reports it. */
class AllocatorLifecycleTest {

    @Test
    void removingAnAgentForgetsWhatWasAllocatedOnIt() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(2, "cpus:2;mem:1024");
        h.addFramework("f", "web");
        h.allocate();

        h.allocator.removeAgent(agent(0));

        assertThat(h.role("web").allocated()).containsEntry("cpus", 2.0);
        assertThat(h.allocator.clusterTotal()).containsEntry("cpus", 2.0);
        assertThat(h.allocator.allocated(agent(0))).isEqualTo(Resources.EMPTY);
        // A late recovery for the removed agent is ignored.
        h.allocator.recoverResources(framework("f"), agent(0), "web", Resources.parse("cpus:2;mem:1024"), null);
        assertThat(h.allocator.clusterAllocated()).containsEntry("cpus", 2.0);
    }

    @Test
    void aReAddedAgentStartsWithoutTheOldFilters() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:2;mem:1024");
        h.addFramework("f", "web");
        h.decline(h.allocate().getFirst(), Duration.ofHours(1));

        h.allocator.removeAgent(agent(1));
        h.addAgent(1, "cpus:2;mem:1024");

        assertThat(h.allocate()).hasSize(1);
    }

    @Test
    void removingAFrameworkLeavesTheAgentsResourcesUntilTheMasterRecoversThem() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:2;mem:1024");
        FrameworkId f = h.addFramework("f", "web");
        Allocation offer = h.allocate().getFirst();

        h.allocator.removeFramework(f);

        assertThat(h.allocator.roles()).isEmpty();
        assertThat(h.allocator.allocated(agent(1))).isEqualTo(offer.resources());
        h.recover(offer);
        assertThat(h.allocator.available(agent(1))).isEqualTo(offer.resources());
        FrameworkId next = h.addFramework("next", "web");
        assertThat(h.allocate()).extracting(Allocation::framework).containsExactly(next);
    }

    @Test
    void aRoleLeftByUpdateFrameworkStaysCountedUntilRecovered() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(2, "cpus:2;mem:1024");
        FrameworkId f = h.addFramework("f", "old");
        List<Allocation> inOld = h.allocate();

        h.allocator.updateFramework(f, FrameworkSpec.of("new"));

        assertThat(h.role("old").allocated()).containsEntry("cpus", 4.0);
        assertThat(h.role("old").frameworks()).containsExactly(f);
        h.recover(inOld.get(0));
        h.recover(inOld.get(1));
        assertThat(h.allocator.roles()).extracting(RoleView::name).containsExactly("new");
        assertThat(h.allocate()).extracting(Allocation::role).containsOnly("new").hasSize(2);
    }

    @Test
    void growingAnAgentOffersTheNewPart() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:2;mem:1024");
        h.addFramework("f", "web");
        h.allocate();

        h.allocator.updateAgent(agent(1), Resources.parse("cpus:4;mem:1024"));

        assertThat(h.allocate()).extracting(Allocation::resources).containsExactly(Resources.parse("cpus:2"));
        assertThat(h.allocator.clusterTotal()).containsEntry("cpus", 4.0);
    }

    @Test
    void anOperationOnOfferedResourcesChangesTheAgentsTotal() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:4;mem:4096");
        FrameworkId f = h.addFramework("f", "web");
        h.allocate();

        // RESERVE 2 of the offered cpus for web.
        h.allocator.updateAllocation(f, agent(1), "web", Resources.parse("cpus:2"), Resources.parse("cpus(web):2"));

        assertThat(h.allocator.allocated(agent(1))).isEqualTo(Resources.parse("cpus:2;mem:4096;cpus(web):2"));
        assertThat(h.role("web").reserved()).containsEntry("cpus", 2.0);
        assertThat(h.role("web").allocated()).containsEntry("cpus", 4.0);
        h.allocator.recoverResources(f, agent(1), "web", Resources.parse("cpus(web):2"), null);
        assertThat(h.allocator.available(agent(1))).isEqualTo(Resources.parse("cpus(web):2"));
    }

    @Test
    void addingTwiceIsABugAndUnknownIdsAreIgnored() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:1;mem:128");
        h.addFramework("f", "web");

        assertThatThrownBy(() -> h.addAgent(1, "cpus:1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> h.addFramework("f", "web")).isInstanceOf(IllegalStateException.class);
        h.allocator.removeAgent(agent(9));
        h.allocator.deactivateFramework(framework("nobody"));
        h.allocator.reviveOffers(framework("nobody"), Set.of());
        h.allocator.recoverResources(framework("nobody"), agent(9), "web", Resources.parse("cpus:1"), null);
        assertThat(h.allocate()).hasSize(1);
    }

    @Test
    void theReadSideReportsRolesTotalsAndRuns() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(2, "cpus:2;mem:1024;disk:10");
        FrameworkId f = h.addFramework("f", "web");
        h.allocator.updateWeights(Map.of("ops", 3.0));
        h.allocator.updateQuota("web", new Quota(Map.of("cpus", 1.0), Map.of("cpus", 10.0)));

        h.allocate();
        h.allocate();

        assertThat(h.allocator.roles()).extracting(RoleView::name).containsExactly("ops", "web");
        RoleView web = h.role("web");
        assertThat(web.allocated()).isEqualTo(Map.of("cpus", 4.0, "mem", 2048.0, "disk", 20.0));
        assertThat(web.consumed()).isEqualTo(web.allocated());
        assertThat(web.frameworks()).containsExactly(f);
        assertThat(web.quota().limit()).containsEntry("cpus", 10.0);
        assertThat(h.role("ops").weight()).isEqualTo(3.0);
        assertThat(h.allocator.clusterTotal()).isEqualTo(Map.of("cpus", 4.0, "mem", 2048.0, "disk", 20.0));
        assertThat(h.allocator.allocationRuns()).isEqualTo(2);
        assertThat(h.allocator.lastAllocationRunDuration()).isPositive();
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> h().allocator.updateWeights(Map.of("web", 0.0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Quota(Map.of("cpus", 5.0), Map.of("cpus", 4.0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrameworkSpec.of("a").withSuppressed("b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MinAllocatable.parse("cpus"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static AllocatorHarness h() {
        return new AllocatorHarness();
    }
}
