package io.mpaas.master.allocator;

import static io.mpaas.master.allocator.AllocatorHarness.count;
import static io.mpaas.master.allocator.AllocatorHarness.framework;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.Resources;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dominant resource fairness between roles, weights, and between the frameworks of a role. */
class DrfFairnessTest {

    @Test
    void theClassicDrfExampleGivesBothRolesTheSameDominantShare() {
        // Ghodsi et al.: 9 cpus, 18 GB; A's tasks <1 cpu, 4 GB>, B's <3 cpus, 1 GB>. DRF: A 3 tasks, B 2.
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:9;mem:18432");
        FrameworkId a = h.addFramework("fa", "a");
        FrameworkId b = h.addFramework("fb", "b");
        Map<FrameworkId, Resources> task = Map.of(a, Resources.parse("cpus:1;mem:4096"),
                b, Resources.parse("cpus:3;mem:1024"));
        Map<FrameworkId, Integer> launched = new HashMap<>();

        // Each cycle the lowest share gets the whole agent, launches one task if it fits, declines the rest.
        for (int cycle = 0; cycle < 20; cycle++) {
            boolean any = false;
            for (Allocation offer : h.allocate()) {
                Resources need = task.get(offer.framework());
                if (offer.resources().contains(need)) {
                    launched.merge(offer.framework(), 1, Integer::sum);
                    h.allocator.recoverResources(offer.framework(), offer.agent(), offer.role(),
                            offer.resources().minus(need), null);
                    any = true;
                } else {
                    h.recover(offer);
                }
            }
            if (!any) {
                break;
            }
        }

        assertThat(launched).containsEntry(a, 3).containsEntry(b, 2);
        // Dominant shares: A's memory 12/18, B's cpus 6/9.
        assertThat(h.role("a").allocated()).containsEntry("mem", 12288.0);
        assertThat(h.role("b").allocated()).containsEntry("cpus", 6.0);
    }

    @Test
    void rolesConvergeToEqualSharesAsTheBusyRoleReleasesResources() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(10, "cpus:4;mem:4096");
        FrameworkId a = h.addFramework("fa", "a");
        List<Allocation> held = new java.util.ArrayList<>(h.allocate());
        assertThat(held).hasSize(10);
        FrameworkId b = h.addFramework("fb", "b");

        // Role a's tasks finish one agent at a time; each freed agent goes to the lower share.
        for (int step = 0; step < 10; step++) {
            Allocation done = held.stream().filter(x -> x.framework().equals(a)).findFirst().orElseThrow();
            held.remove(done);
            h.recover(done);
            held.addAll(h.allocate());
        }

        assertThat(count(held, a)).isEqualTo(5);
        assertThat(count(held, b)).isEqualTo(5);
        assertThat(h.role("a").allocated()).isEqualTo(h.role("b").allocated());
    }

    @Test
    void aRoleOfWeightTwoGetsTwiceAsMuch() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(30, "cpus:2;mem:1024");
        h.allocator.updateWeights(Map.of("heavy", 2.0));
        FrameworkId heavy = h.addFramework("f1", "heavy");
        FrameworkId light = h.addFramework("f2", "light");

        List<Allocation> offers = h.allocate();

        assertThat(count(offers, heavy)).isEqualTo(20);
        assertThat(count(offers, light)).isEqualTo(10);
        assertThat(h.role("heavy").weight()).isEqualTo(2.0);
    }

    @Test
    void frameworksOfOneRoleShareItEqually() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(30, "cpus:2;mem:1024");
        FrameworkId f1 = h.addFramework("f1", "web");
        FrameworkId f2 = h.addFramework("f2", "web");
        FrameworkId f3 = h.addFramework("f3", "web");

        List<Allocation> offers = h.allocate();

        assertThat(offers).hasSize(30);
        assertThat(List.of(count(offers, f1), count(offers, f2), count(offers, f3))).containsOnly(10L);
    }

    @Test
    void aFrameworkAlreadyHoldingMoreWaitsForTheOthers() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(4, "cpus:2;mem:1024");
        FrameworkId rich = h.addFramework("rich", "web");
        List<Allocation> first = h.allocate();
        FrameworkId poor = h.addFramework("poor", "web");
        // Two agents come back; both go to the framework with nothing.
        h.recover(first.get(0));
        h.recover(first.get(1));

        List<Allocation> second = h.allocate();

        assertThat(second).extracting(Allocation::framework).containsOnly(poor);
        assertThat(count(first, rich)).isEqualTo(4);
    }

    @Test
    void siblingSubtreesShareTheirParentLikeRolesShareTheCluster() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(40, "cpus:1;mem:1024");
        FrameworkId engA = h.addFramework("f1", "eng/a");
        FrameworkId engB = h.addFramework("f2", "eng/b");
        FrameworkId ops = h.addFramework("f3", "ops");

        List<Allocation> offers = h.allocate();

        // eng (two sub-roles) and ops split the cluster; eng/a and eng/b split eng's half.
        assertThat(count(offers, ops)).isEqualTo(20);
        assertThat(count(offers, engA)).isEqualTo(10);
        assertThat(count(offers, engB)).isEqualTo(10);
    }

    @Test
    void everyAgentIsOfferedOnceWithAllItsResources() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(5, "cpus:2;mem:1024;disk:4096;ports:[31000-32000]");
        h.addFramework("f1", "web");
        h.addFramework("f2", "web");

        List<Allocation> offers = h.allocate();

        assertThat(offers).extracting(Allocation::agent).doesNotHaveDuplicates().hasSize(5);
        assertThat(offers).extracting(Allocation::resources)
                .containsOnly(Resources.parse("cpus:2;mem:1024;disk:4096;ports:[31000-32000]"));
        // Everything is now offered: the next cycle has nothing to give.
        assertThat(h.allocate()).isEmpty();
        assertThat(framework("f1")).isNotNull();
    }
}
