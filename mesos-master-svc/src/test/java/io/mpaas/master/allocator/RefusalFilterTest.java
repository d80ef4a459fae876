package io.mpaas.master.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.Resources;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DECLINE with refuse_seconds, and what lifts a filter: time, more resources, REVIVE. */
class RefusalFilterTest {

    @Test
    void aDeclinedAgentIsHiddenFromTheFrameworkUntilTheFilterExpires() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:2;mem:1024");
        FrameworkId f = h.addFramework("f", "web");
        Allocation offer = h.allocate().getFirst();

        h.decline(offer, Duration.ofSeconds(10));

        assertThat(h.allocate()).isEmpty();
        h.clock.advance(Duration.ofSeconds(9));
        assertThat(h.allocate()).isEmpty();
        assertThat(h.allocator.activeRefusalFilters()).isEqualTo(1);
        h.clock.advance(Duration.ofSeconds(1));
        assertThat(h.allocate()).extracting(Allocation::framework).containsExactly(f);
    }

    @Test
    void otherFrameworksStillGetTheDeclinedAgent() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:2;mem:1024");
        FrameworkId first = h.addFramework("f1", "web");
        FrameworkId second = h.addFramework("f2", "web");
        Allocation offer = h.allocate().getFirst();
        assertThat(offer.framework()).isEqualTo(first);

        h.decline(offer, Duration.ofSeconds(60));

        assertThat(h.allocate()).extracting(Allocation::framework).containsExactly(second);
    }

    @Test
    void moreAvailableResourcesDefeatTheFilter() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:4;mem:4096;ports:[31000-31009]");
        h.addFramework("f", "web");
        Allocation offer = h.allocate().getFirst();
        // ACCEPT one task; the unused rest is declined for a minute.
        Resources task = Resources.parse("cpus:1;mem:1024;ports:[31000-31000]");
        h.allocator.recoverResources(offer.framework(), offer.agent(), offer.role(),
                offer.resources().minus(task), Duration.ofSeconds(60));
        assertThat(h.allocate()).isEmpty();

        // The task ends: more is available than was declined.
        h.allocator.recoverResources(offer.framework(), offer.agent(), offer.role(), task, null);

        List<Allocation> again = h.allocate();
        assertThat(again).hasSize(1);
        assertThat(again.getFirst().resources()).isEqualTo(Resources.parse("cpus:4;mem:4096;ports:[31000-31009]"));
    }

    @Test
    void reviveClearsTheFiltersOfTheRole() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:2;mem:1024");
        FrameworkId f = h.addFramework("f", "web");
        h.decline(h.allocate().getFirst(), Duration.ofHours(1));
        assertThat(h.allocate()).isEmpty();

        h.allocator.reviveOffers(f, Set.of("web"));

        assertThat(h.allocate()).hasSize(1);
        assertThat(h.allocator.activeRefusalFilters()).isZero();
    }

    @Test
    void aFilterOnlyHidesTheRoleItWasInstalledFor() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:2;mem:1024");
        FrameworkId f = h.addFramework("f", "a", "b");
        Allocation inA = h.allocate().getFirst();
        assertThat(inA.role()).isEqualTo("a");

        h.decline(inA, Duration.ofMinutes(5));

        assertThat(h.allocate()).extracting(Allocation::role).containsExactly("b");
        assertThat(f).isNotNull();
    }

    @Test
    void aRefusalShorterThanTheIntervalLastsOneInterval() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:2;mem:1024");
        h.addFramework("f", "web");
        h.decline(h.allocate().getFirst(), Duration.ofMillis(100));

        h.clock.advance(Duration.ofMillis(500));
        assertThat(h.allocate()).isEmpty();
        h.clock.advance(Duration.ofMillis(500));
        assertThat(h.allocate()).hasSize(1);
    }

    @Test
    void aZeroRefusalInstallsNoFilterAndANegativeOneTheDefault() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:2;mem:1024");
        h.addFramework("f", "web");
        h.decline(h.allocate().getFirst(), Duration.ZERO);
        Allocation again = h.allocate().getFirst();

        h.decline(again, Duration.ofSeconds(-1));

        h.clock.advance(Duration.ofMillis(4999));
        assertThat(h.allocate()).isEmpty();
        h.clock.advance(Duration.ofMillis(1));
        assertThat(h.allocate()).hasSize(1);
    }

    @Test
    void refusalsAreCappedAtAYear() {
        AllocatorSettings settings = AllocatorSettings.defaults();

        assertThat(settings.clampRefusal(Duration.ofDays(1000))).isEqualTo(Duration.ofDays(365));
        assertThat(settings.clampRefusal(null)).isNull();
        assertThat(settings.clampRefusal(Duration.ofMillis(1))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void deactivatingTheFrameworkDropsItsFilters() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:2;mem:1024");
        FrameworkId f = h.addFramework("f", "web");
        h.decline(h.allocate().getFirst(), Duration.ofHours(1));

        h.allocator.deactivateFramework(f);
        h.allocator.activateFramework(f);

        assertThat(h.allocate()).hasSize(1);
    }
}
