package io.mpaas.marathon.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.app.PathId;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckScheduleTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final PathId WEB = PathId.of("/web");

    private final CheckSchedule schedule = new CheckSchedule(Duration.ofSeconds(5));

    private static HealthCheck every(int seconds) {
        return new HealthCheck("HTTP", "/" + seconds, null, null, null, null, seconds, 1, null, null, null, null);
    }

    private static Map<PathId, App> web(int instances, HealthCheck... checks) {
        return Map.of(WEB, App.withId("/web").toBuilder().instances(instances).healthChecks(List.of(checks)).build());
    }

    private List<Integer> dueIndexes(Map<PathId, App> apps, Instant now) {
        return schedule.due(apps, now, id -> false).rounds().stream()
                .flatMap(r -> r.checks().stream().map(MarathonHealthCheck::index)).toList();
    }

    @Test
    void firstRunComesAfterTheIntervalOrFiveSecondsWhicheverIsShorter() {
        Map<PathId, App> apps = web(1, every(2), every(60));

        assertThat(dueIndexes(apps, T0)).isEmpty();
        assertThat(dueIndexes(apps, T0.plusSeconds(2))).containsExactly(0);
        assertThat(dueIndexes(apps, T0.plusSeconds(4))).containsExactly(0);
        assertThat(dueIndexes(apps, T0.plusSeconds(5))).containsExactly(1);
        assertThat(dueIndexes(apps, T0.plusSeconds(6))).containsExactly(0);
        assertThat(dueIndexes(apps, T0.plusSeconds(64))).containsExactly(0);
        assertThat(dueIndexes(apps, T0.plusSeconds(65))).containsExactly(1);
    }

    @Test
    void aLateTickDoesNotShiftTheRhythm() {
        Map<PathId, App> apps = web(1, every(10));
        schedule.due(apps, T0, id -> false);

        CheckSchedule.Decision late = schedule.due(apps, T0.plusSeconds(8), id -> false);

        assertThat(late.rounds()).hasSize(1);
        assertThat(late.behind()).isEqualTo(Duration.ofSeconds(3));
        assertThat(dueIndexes(apps, T0.plusSeconds(14))).isEmpty();
        assertThat(dueIndexes(apps, T0.plusSeconds(15))).containsExactly(0);
    }

    @Test
    void aCheckWholeIntervalsBehindSkipsTheMissedRunsInsteadOfBursting() {
        Map<PathId, App> apps = web(1, every(10));
        schedule.due(apps, T0, id -> false);

        CheckSchedule.Decision decision = schedule.due(apps, T0.plusSeconds(30), id -> false);

        assertThat(decision.rounds()).hasSize(1);
        assertThat(decision.skippedRuns()).isEqualTo(2);
        assertThat(dueIndexes(apps, T0.plusSeconds(39))).isEmpty();
        assertThat(dueIndexes(apps, T0.plusSeconds(40))).containsExactly(0);
    }

    @Test
    void aBusyAppStaysDueAndShowsHowFarBehindItIs() {
        Map<PathId, App> apps = web(1, every(10));
        schedule.due(apps, T0, id -> false);

        CheckSchedule.Decision held = schedule.due(apps, T0.plusSeconds(7), WEB::equals);

        assertThat(held.rounds()).isEmpty();
        assertThat(held.behind()).isEqualTo(Duration.ofSeconds(2));
        assertThat(dueIndexes(apps, T0.plusSeconds(8))).containsExactly(0);
    }

    @Test
    void scalingKeepsTheRhythmButAChangedCheckStartsAfresh() {
        schedule.due(web(1, every(10)), T0, id -> false);

        assertThat(dueIndexes(web(3, every(10)), T0.plusSeconds(5))).containsExactly(0);

        HealthCheck changed = new HealthCheck("TCP", null, null, null, null, null, 10, 1, null, null, null, null);
        assertThat(dueIndexes(web(3, changed), T0.plusSeconds(6))).isEmpty();
        assertThat(dueIndexes(web(3, changed), T0.plusSeconds(11))).containsExactly(0);
        assertThat(schedule.size()).isEqualTo(1);
    }

    @Test
    void forgetsChecksOfRemovedAppsAndIgnoresAgentRunChecks() {
        HealthCheck mesos = new HealthCheck("MESOS_HTTP", null, null, null, null, null, 1, 1, null, null, null, null);
        schedule.due(web(1, every(10), mesos), T0, id -> false);
        assertThat(schedule.size()).isEqualTo(1);

        schedule.due(Map.of(), T0.plusSeconds(1), id -> false);

        assertThat(schedule.size()).isZero();
    }
}
