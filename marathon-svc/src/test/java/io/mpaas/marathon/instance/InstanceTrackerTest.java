package io.mpaas.marathon.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.app.PathId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceTrackerTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final PathId APP = PathId.of("/web");

    private final InstanceTracker tracker = new InstanceTracker();

    @Test
    void anyScheduledFollowsEveryPutAndRemove() {
        Instance a = Instance.scheduled(APP, NOW, NOW);
        Instance b = Instance.scheduled(APP, NOW, NOW);
        assertThat(tracker.anyScheduled()).isFalse();

        tracker.put(a);
        tracker.put(b);
        tracker.put(a);
        assertThat(tracker.anyScheduled()).isTrue();

        tracker.put(a.provisioned(a.instanceId() + "._app.1", 1, AgentInfo.plain("agent-1", "host-1"), List.of(),
                List.of(), "*", NOW));
        assertThat(tracker.anyScheduled()).isTrue();
        tracker.remove(b.instanceId());
        assertThat(tracker.anyScheduled()).isFalse();
        tracker.remove(b.instanceId());
        assertThat(tracker.anyScheduled()).isFalse();

        tracker.load(List.of(b));
        assertThat(tracker.anyScheduled()).isTrue();
        tracker.load(List.of());
        assertThat(tracker.anyScheduled()).isFalse();
    }

    @Test
    void theScheduledInstancesAreKeptInLaunchOrderThroughEveryChange() {
        Instance late = Instance.scheduled(APP, NOW, NOW.plusSeconds(2));
        Instance early = Instance.scheduled(PathId.of("/api"), NOW, NOW);
        Instance middle = Instance.scheduled(APP, NOW, NOW.plusSeconds(1));
        Instance running = Instance.scheduled(APP, NOW, NOW.minusSeconds(9)).withCondition(Condition.RUNNING, NOW);
        tracker.load(List.of(late, early, running, middle));
        assertThat(tracker.scheduled()).containsExactly(early, middle, late);

        // Launched: out of the queue; replaced in place (a new goal): still once, as the new one.
        tracker.put(early.provisioned("t", 1, AgentInfo.plain("agent-1", "host-1"), List.of(), List.of(), "*", NOW));
        Instance decommissioned = late.withGoal(Goal.DECOMMISSIONED);
        tracker.put(decommissioned);
        assertThat(tracker.scheduled()).containsExactly(middle, decommissioned);

        // Back to scheduled (a relaunch) at a later time: queued behind the others; removed: gone.
        tracker.put(early.withCondition(Condition.KILLED, NOW).withCondition(Condition.SCHEDULED, NOW.plusSeconds(5)));
        tracker.remove(middle.instanceId());
        assertThat(tracker.scheduled()).extracting(Instance::instanceId)
                .containsExactly(late.instanceId(), early.instanceId());
        assertThat(tracker.scheduled()).containsExactlyElementsOf(tracker.all().stream()
                .filter(i -> i.condition() == Condition.SCHEDULED).sorted(InstanceView.LAUNCH_ORDER).toList());
    }
}
