package io.mpaas.master.allocator;

import static io.mpaas.master.allocator.AllocatorHarness.cpus;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Quota guarantees (served first, headroom held back) and limits (never passed, scalars chopped). */
class QuotaTest {

    @Test
    void aGuaranteeIsServedBeforeFairSharing() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(10, "cpus:2;mem:1024");
        // "a" sorts before "z" and both start at share 0: without quota, a would be served first.
        h.addFramework("fa", "a");
        h.addFramework("fz", "z");
        h.allocator.updateQuota("z", Quota.guarantee(Map.of("cpus", 14.0)));

        List<Allocation> offers = h.allocate();

        assertThat(cpus(offers, "z")).isEqualTo(14.0);
        assertThat(cpus(offers, "a")).isEqualTo(6.0);
        assertThat(h.role("z").consumed()).containsEntry("cpus", 14.0);
    }

    @Test
    void headroomForAnUnmetGuaranteeIsHeldBackFromOtherRoles() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(10, "cpus:2;mem:1024");
        FrameworkId greedy = h.addFramework("greedy", "batch");
        FrameworkId prod = h.addFramework("prod", FrameworkSpec.of("prod").withSuppressed("prod"));
        h.allocator.updateQuota("prod", Quota.guarantee(Map.of("cpus", 8.0)));

        List<Allocation> offers = h.allocate();

        // prod asks for nothing now, but 8 cpus stay unoffered for it.
        assertThat(cpus(offers, "batch")).isEqualTo(12.0);
        assertThat(h.allocator.clusterAllocated()).containsEntry("cpus", 12.0);

        h.allocator.reviveOffers(prod, Set.of());
        List<Allocation> later = h.allocate();

        assertThat(cpus(later, "prod")).isEqualTo(8.0);
        assertThat(later).extracting(Allocation::framework).doesNotContain(greedy);
    }

    @Test
    void aLimitIsNeverPassedAndScalarsAreChoppedToFit() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(4, "cpus:2;mem:1024");
        h.addFramework("f", "capped");
        h.allocator.updateQuota("capped", Quota.limit(Map.of("cpus", 5.0, "mem", 2560.0)));

        List<Allocation> offers = new ArrayList<>(h.allocate());
        for (int i = 0; i < 5; i++) {
            offers.addAll(h.allocate());
        }

        assertThat(cpus(offers, "capped")).isEqualTo(5.0);
        assertThat(offers).extracting(a -> a.resources().scalar("cpus")).containsExactlyInAnyOrder(2.0, 2.0, 1.0);
        assertThat(offers).extracting(a -> a.resources().scalar("mem")).containsExactlyInAnyOrder(1024.0, 1024.0, 512.0);
        assertThat(h.role("capped").consumed()).containsEntry("cpus", 5.0).containsEntry("mem", 2560.0);
    }

    @Test
    void aLimitOnOneKindLeavesTheOthersOffered() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(2, "cpus:2;mem:1024");
        h.addFramework("f", "capped");
        h.allocator.updateQuota("capped", Quota.limit(Map.of("cpus", 2.0)));

        List<Allocation> offers = h.allocate();

        // As in Mesos, only the limited kind is held back: the second agent is offered without cpus.
        assertThat(offers).extracting(a -> a.resources().scalar("cpus")).containsExactlyInAnyOrder(2.0, 0.0);
        assertThat(offers).extracting(a -> a.resources().scalar("mem")).containsOnly(1024.0);
    }

    @Test
    void aLimitCountsReservationsAndSubRoles() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:4;mem:4096;cpus(eng):2");
        h.addAgent(2, "cpus:4;mem:4096");
        h.addFramework("f", "eng/web");
        h.allocator.updateQuota("eng", Quota.limit(Map.of("cpus", 5.0)));

        List<Allocation> offers = h.allocate();

        // eng consumes its 2 reserved cpus already, so only 3 unreserved cpus are left under the limit.
        double unreserved = offers.stream().mapToDouble(a -> a.resources().unreserved().scalar("cpus")).sum();
        assertThat(unreserved).isEqualTo(3.0);
        assertThat(cpus(offers, "eng/web")).isEqualTo(5.0);
    }

    @Test
    void recoveredResourcesFreeRoomUnderTheLimit() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(3, "cpus:2;mem:1024");
        h.addFramework("f", "capped");
        h.allocator.updateQuota("capped", Quota.limit(Map.of("cpus", 2.0)));
        List<Allocation> first = h.allocate();
        Allocation withCpus = first.stream().filter(a -> a.resources().scalar("cpus") > 0).findFirst().orElseThrow();

        h.recover(withCpus);
        List<Allocation> second = h.allocate();

        assertThat(cpus(second, "capped")).isEqualTo(2.0);
    }

    @Test
    void removingTheQuotaLiftsTheLimit() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(3, "cpus:2;mem:1024");
        h.addFramework("f", "capped");
        h.allocator.updateQuota("capped", Quota.limit(Map.of("cpus", 2.0, "mem", 1024.0)));
        assertThat(cpus(h.allocate(), "capped")).isEqualTo(2.0);

        h.allocator.updateQuota("capped", Quota.NONE);

        assertThat(cpus(h.allocate(), "capped")).isEqualTo(4.0);
        assertThat(h.allocator.quota("capped")).isEqualTo(Quota.NONE);
    }

    @Test
    void aGuaranteeOnAParentRoleServesItsSubRoles() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgents(10, "cpus:2;mem:1024");
        h.addFramework("fa", "a");
        h.addFramework("fweb", "z/web");
        h.allocator.updateQuota("z", Quota.guarantee(Map.of("cpus", 12.0)));

        List<Allocation> offers = h.allocate();

        assertThat(cpus(offers, "z/web")).isEqualTo(12.0);
        assertThat(h.role("z").consumed()).containsEntry("cpus", 12.0);
    }

    @Test
    void bothStagesServingOneFrameworkOnOneAgentMakeOneOffer() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:4;mem:4096;ports:[31000-31009]");
        h.addFramework("f", "q");
        h.allocator.updateQuota("q", Quota.guarantee(Map.of("cpus", 1.0)));

        List<Allocation> offers = h.allocate();

        // Stage one gives the guaranteed cpu (and what no guarantee needs), stage two the rest.
        assertThat(offers).hasSize(1);
        assertThat(offers.getFirst().resources()).isEqualTo(Resources.parse("cpus:4;mem:4096;ports:[31000-31009]"));
    }
}
