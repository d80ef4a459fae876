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

        tracker.put(a.provisioned(a.instanceId() + "._app.1", 1, AgentInfo.plain("agent-1", "host-1"), List.of(), List.of(), "*",
                NOW));
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
}
