package io.mpaas.agent.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcPlannerTest {

    private static final GcProperties PROPERTIES = new GcProperties(Duration.ofHours(1), Duration.ofDays(7), 0.1,
            Duration.ofMinutes(1));
    private static final Instant FINISHED = Instant.parse("2026-11-21T10:00:00Z");

    private static List<GcPlanner.Action<String>> plan(Duration after, double disk, boolean settled,
            boolean containerRemoved) {
        return GcPlanner.plan(FINISHED.plus(after), disk, PROPERTIES,
                List.of(new GcPlanner.Candidate<>("t1", FINISHED, settled, containerRemoved)));
    }

    @Test
    void theContainerGoesAfterTheRemoveDelay() {
        assertThat(plan(Duration.ofMinutes(59), 0.2, true, false)).isEmpty();
        assertThat(plan(Duration.ofHours(1), 0.2, true, false)).containsExactly(new GcPlanner.RemoveContainer<>("t1"));
        assertThat(plan(Duration.ofHours(2), 0.2, true, true)).isEmpty();
    }

    @Test
    void theSandboxAgeShrinksAsTheDiskFills() {
        // 20% used: 7 days x (1 - 0.1 - 0.2) = 4.9 days.
        assertThat(GcPlanner.sandboxAge(PROPERTIES, 0.2)).isEqualTo(Duration.ofMillis((long) (7 * 86_400_000L * 0.7)));
        assertThat(plan(Duration.ofDays(4), 0.2, true, true)).isEmpty();
        assertThat(plan(Duration.ofDays(5), 0.2, true, true)).containsExactly(new GcPlanner.RemoveSandbox<>("t1"));
        // A nearly full disk: sandboxes go as soon as their task has finished.
        assertThat(plan(Duration.ZERO, 0.95, true, false)).containsExactly(new GcPlanner.RemoveSandbox<>("t1"));
    }

    @Test
    void tasksWithUnacknowledgedUpdatesAreKept() {
        assertThat(plan(Duration.ofDays(30), 0.99, false, false)).isEmpty();
    }
}
