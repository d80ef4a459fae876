package io.mpaas.master.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may be offered what: SUPPRESS/REVIVE, inactive agents and frameworks, GPUs, minimum offer size. */
class OfferEligibilityTest {

    @Test
    void suppressStopsOffersInThatRoleOnly() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(4, "cpus:2;mem:1024");
        FrameworkId f = h.addFramework("f", "a", "b");

        h.allocator.suppressOffers(f, Set.of("a"));

        assertThat(h.allocate()).extracting(Allocation::role).hasSize(4).containsOnly("b");
    }

    @Test
    void reviveUnsuppressesTheRole() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(2, "cpus:2;mem:1024");
        FrameworkId f = h.addFramework("f", FrameworkSpec.of("a", "b").withSuppressed("a", "b"));
        assertThat(h.allocate()).isEmpty();

        h.allocator.reviveOffers(f, Set.of("a"));

        assertThat(h.allocate()).extracting(Allocation::role).hasSize(2).containsOnly("a");
    }

    @Test
    void anEmptyRoleSetMeansAllRoles() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(2, "cpus:2;mem:1024");
        FrameworkId f = h.addFramework("f", "a", "b");

        h.allocator.suppressOffers(f, Set.of());
        assertThat(h.allocate()).isEmpty();
        h.allocator.reviveOffers(f, Set.of());

        assertThat(h.allocate()).hasSize(2);
    }

    @Test
    void updateFrameworkReplacesTheSuppressedRoles() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(2, "cpus:2;mem:1024");
        FrameworkId f = h.addFramework("f", "a");
        h.allocator.updateFramework(f, FrameworkSpec.of("a").withSuppressed("a"));
        assertThat(h.allocate()).isEmpty();

        h.allocator.updateFramework(f, FrameworkSpec.of("a"));

        assertThat(h.allocate()).hasSize(2);
    }

    @Test
    void inactiveAgentsAreNotOffered() {
        AllocatorHarness h = new AllocatorHarness();
        AgentId draining = h.addAgent(1, "cpus:2;mem:1024");
        h.addAgent(2, "cpus:2;mem:1024");
        h.addFramework("f", "web");

        h.allocator.deactivateAgent(draining);
        assertThat(h.allocate()).extracting(Allocation::agent).containsExactly(AllocatorHarness.agent(2));
        h.allocator.activateAgent(draining);

        assertThat(h.allocate()).extracting(Allocation::agent).containsExactly(draining);
    }

    @Test
    void inactiveFrameworksGetNoOffersButKeepTheirAllocations() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(2, "cpus:2;mem:1024");
        FrameworkId gone = h.addFramework("gone", "web");
        List<Allocation> held = h.allocate();
        h.recover(held.getFirst());

        h.allocator.deactivateFramework(gone);

        assertThat(h.allocate()).isEmpty();
        assertThat(h.role("web").allocated()).containsEntry("cpus", 2.0);
        FrameworkId other = h.addFramework("other", "web");
        assertThat(h.allocate()).extracting(Allocation::framework).containsExactly(other);
        h.allocator.activateFramework(gone);
        h.recover(held.get(1));
        assertThat(h.allocate()).extracting(Allocation::framework).containsExactly(gone);
    }

    @Test
    void gpuAgentsGoOnlyToGpuCapableFrameworks() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:8;mem:8192;gpus:2");
        h.addAgent(2, "cpus:8;mem:8192");
        FrameworkId cpuOnly = h.addFramework("a-cpu", "web");
        FrameworkId gpu = h.addFramework("b-gpu", FrameworkSpec.of("web").withGpuCapable(true));

        List<Allocation> offers = h.allocate();

        assertThat(offers).filteredOn(a -> a.framework().equals(cpuOnly))
                .extracting(Allocation::agent).containsExactly(AllocatorHarness.agent(2));
        assertThat(offers).filteredOn(a -> a.framework().equals(gpu))
                .extracting(Allocation::agent).containsExactly(AllocatorHarness.agent(1));
    }

    @Test
    void withoutGpuFilteringAnyFrameworkGetsGpuAgents() {
        AllocatorSettings settings = new AllocatorSettings(Duration.ofSeconds(1), Duration.ofSeconds(5),
                MinAllocatable.DEFAULT, false);
        AllocatorHarness h = new AllocatorHarness(settings);
        h.addAgent(1, "cpus:8;mem:8192;gpus:2");
        h.addFramework("f", "web");

        assertThat(h.allocate()).hasSize(1);
    }

    @Test
    void offersBelowTheMinimumAreNotMade() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:0.005;mem:16;disk:100");
        h.addAgent(2, "cpus:0.01;mem:16");
        h.addAgent(3, "cpus:0;mem:32");
        h.addFramework("f", "web");

        assertThat(h.allocate()).extracting(Allocation::agent)
                .containsExactlyInAnyOrder(AllocatorHarness.agent(2), AllocatorHarness.agent(3));
    }

    @Test
    void aFrameworksOwnMinimumForARoleReplacesTheDefault() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:0.005;mem:16;disk:100");
        h.addAgent(2, "cpus:4;mem:4096;disk:10");
        FrameworkId diskOnly = h.addFramework("a-disk", FrameworkSpec.of("web")
                .withMinAllocatable("web", new MinAllocatable(List.of(Map.of("disk", 50.0)))));
        FrameworkId plain = h.addFramework("b-plain", "web");

        List<Allocation> offers = h.allocate();

        assertThat(offers).filteredOn(a -> a.framework().equals(diskOnly))
                .extracting(Allocation::agent).containsExactly(AllocatorHarness.agent(1));
        assertThat(offers).filteredOn(a -> a.framework().equals(plain))
                .extracting(Allocation::agent).containsExactly(AllocatorHarness.agent(2));
    }

    @Test
    void theMasterMinimumIsASetting() {
        AllocatorSettings settings = new AllocatorSettings(Duration.ofSeconds(1), Duration.ofSeconds(5),
                MinAllocatable.parse("cpus:1;mem:512|gpus:1"), true);
        AllocatorHarness h = new AllocatorHarness(settings);
        h.addAgent(1, "cpus:1;mem:256");
        h.addAgent(2, "cpus:1;mem:512");
        h.addFramework("f", "web");

        assertThat(h.allocate()).extracting(Allocation::agent).containsExactly(AllocatorHarness.agent(2));
        assertThat(MinAllocatable.parse("cpus:0.01|mem:32")).isEqualTo(MinAllocatable.DEFAULT);
    }
}
