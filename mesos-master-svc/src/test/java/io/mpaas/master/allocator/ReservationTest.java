package io.mpaas.master.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.Resources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reserved resources go to their role (and its sub-roles) only. */
class ReservationTest {

    private static final String AGENT = "cpus:4;mem:4096;cpus(web):2;mem(web):1024";

    @Test
    void reservedResourcesAreNeverOfferedToAnotherRole() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, AGENT);
        h.addFramework("f-ops", "ops");

        List<Allocation> offers = h.allocate();

        assertThat(offers).hasSize(1);
        assertThat(offers.getFirst().resources()).isEqualTo(Resources.parse("cpus:4;mem:4096"));
        // Nothing else is offered to ops, ever: the reservation waits for web.
        assertThat(h.allocate()).isEmpty();
        assertThat(h.allocator.available(AllocatorHarness.agent(1))).isEqualTo(Resources.parse("cpus(web):2;mem(web):1024"));
    }

    @Test
    void theReservedRoleGetsItsReservationBesideUnreservedResources() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, AGENT);
        h.addAgent(2, "cpus:4;mem:4096");
        FrameworkId web = h.addFramework("f-web", "web");
        FrameworkId ops = h.addFramework("f-ops", "ops");

        List<Allocation> offers = h.allocate();

        Resources toWeb = offers.stream().filter(a -> a.framework().equals(web))
                .map(Allocation::resources).reduce(Resources.EMPTY, Resources::plus);
        Resources toOps = offers.stream().filter(a -> a.framework().equals(ops))
                .map(Allocation::resources).reduce(Resources.EMPTY, Resources::plus);
        assertThat(toWeb.reservedFor("web")).isEqualTo(Resources.parse("cpus(web):2;mem(web):1024"));
        assertThat(toOps.reserved()).isEqualTo(Resources.EMPTY);
        assertThat(toWeb.plus(toOps)).isEqualTo(Resources.parse(AGENT).plus(Resources.parse("cpus:4;mem:4096")));
    }

    @Test
    void subRolesMayUseTheirParentsReservation() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus(web):2;mem(web):1024");
        h.addFramework("f", "web/api");

        assertThat(h.allocate()).extracting(Allocation::resources)
                .containsExactly(Resources.parse("cpus(web):2;mem(web):1024"));
    }

    @Test
    void aParentRoleMayNotUseItsSubRolesReservation() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus(web/api):2;mem(web/api):1024");
        h.addFramework("f", "web");

        assertThat(h.allocate()).isEmpty();
    }

    @Test
    void reservationsAreReportedPerRole() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, AGENT);

        assertThat(h.role("web").reserved()).isEqualTo(Map.of("cpus", 2.0, "mem", 1024.0));
        assertThat(h.role("web").frameworks()).isEmpty();
    }
}
