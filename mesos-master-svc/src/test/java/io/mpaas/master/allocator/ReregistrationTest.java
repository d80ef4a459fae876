package io.mpaas.master.allocator;

import static io.mpaas.master.allocator.AllocatorHarness.agent;
import static io.mpaas.master.allocator.AllocatorHarness.framework;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.Resources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** After a master failover agents and frameworks come back with resources already in use. */
class ReregistrationTest {

    @Test
    void resourcesInUseOnAReregisteringAgentAreNotOffered() {
        AllocatorHarness h = new AllocatorHarness();
        h.addFramework("known", "web");
        h.allocator.addAgent(agent(1), Resources.parse("cpus:4;mem:4096;ports:[31000-31009]"), Map.of(
                framework("known"), Map.of("web", Resources.parse("cpus:2;mem:2048;ports:[31000-31001]")),
                framework("not-yet"), Map.of("web", Resources.parse("cpus:1;mem:1024;ports:[31005-31005]"))));

        List<Allocation> offers = h.allocate();

        assertThat(offers).hasSize(1);
        assertThat(offers.getFirst().resources())
                .isEqualTo(Resources.parse("cpus:1;mem:1024;ports:[31002-31004,31006-31009]"));
        // Only the known framework's use counts for the role until the other one re-subscribes.
        assertThat(h.role("web").allocated()).containsEntry("cpus", 3.0);
    }

    @Test
    void aFrameworkReSubscribingWithItsTasksCountsThemOnce() {
        AllocatorHarness h = new AllocatorHarness();
        Resources task = Resources.parse("cpus:1;mem:1024");
        h.allocator.addAgent(agent(1), Resources.parse("cpus:4;mem:4096"), Map.of(framework("late"), Map.of("web", task)));

        h.allocator.addFramework(framework("late"), FrameworkSpec.of("web"), Map.of(agent(1), Map.of("web", task)));

        assertThat(h.role("web").allocated()).containsEntry("cpus", 1.0);
        List<Allocation> offers = h.allocate();
        assertThat(offers.getFirst().resources()).isEqualTo(Resources.parse("cpus:3;mem:3072"));
        // The task ends: its resources come back once.
        h.allocator.recoverResources(framework("late"), agent(1), "web", task, null);
        assertThat(h.allocator.available(agent(1))).isEqualTo(task);
        assertThat(h.role("web").allocated()).containsEntry("cpus", 3.0);
    }

    @Test
    void tasksReportedOnlyByTheFrameworkAreTakenOutOfAvailable() {
        AllocatorHarness h = new AllocatorHarness();
        h.addAgent(1, "cpus:4;mem:4096");

        h.allocator.addFramework(framework("f"), FrameworkSpec.of("web"),
                Map.of(agent(1), Map.of("web", Resources.parse("cpus:1;mem:1024"))));

        assertThat(h.allocator.available(agent(1))).isEqualTo(Resources.parse("cpus:3;mem:3072"));
    }

    @Test
    void usedResourcesCountTowardsTheFrameworksShare() {
        AllocatorHarness h = new AllocatorHarness();
        h.allocator.addFramework(framework("busy"), FrameworkSpec.of("web"), Map.of());
        h.allocator.addAgent(agent(1), Resources.parse("cpus:4;mem:4096"),
                Map.of(framework("busy"), Map.of("web", Resources.parse("cpus:3;mem:3072"))));
        h.addAgent(2, "cpus:4;mem:4096");
        h.addFramework("idle", "web");

        List<Allocation> offers = h.allocate();

        // The idle framework is served first; busy holds 3 of 8 cpus already.
        assertThat(offers.getFirst().framework()).isEqualTo(framework("idle"));
    }
}
