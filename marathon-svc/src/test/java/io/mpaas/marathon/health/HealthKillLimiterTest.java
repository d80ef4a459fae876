package io.mpaas.marathon.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.instance.AgentInfo;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.marathon.MarathonTask.HealthCheckResult;
import io.mpaas.protocol.marathon.UpgradeStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HealthKillLimiterTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");
    private static final Duration PAUSE = Duration.ofSeconds(10);

    private static Instance instance(int n, boolean alive) {
        Instance i = Instance.scheduled(PathId.of("/web"), Instant.EPOCH, Instant.EPOCH)
                .provisioned("task-" + n, 1, AgentInfo.plain("agent", "host-" + n), List.of(31000), List.of(), null,
                        Instant.EPOCH)
                .withCondition(Condition.RUNNING, Instant.EPOCH);
        return i.withHealthResults(List.of(new HealthCheckResult(alive, alive ? 0 : 3, null, null, null, null,
                i.instanceId())));
    }

    /** An app of {@code total} instances, {@code healthy} of them alive and the rest failing (and asking). */
    private static List<Instance> allowed(int total, int healthy, double capacity, Instant lastKill) {
        List<Instance> all = new ArrayList<>();
        List<Instance> failing = new ArrayList<>();
        for (int n = 0; n < total; n++) {
            Instance i = instance(n, n < healthy);
            all.add(i);
            if (n >= healthy) {
                failing.add(i);
            }
        }
        return new HealthKillLimiter(1, total, capacity, PAUSE).allowed(all, failing, lastKill, NOW);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("at the floor: every unhealthy one goes", 10, 9, 0.9, null, 1),
                Arguments.of("above the floor: all unhealthy go at once", 10, 6, 0.5, null, 4),
                Arguments.of("blip, none healthy: one kill", 10, 0, 1.0, null, 1),
                Arguments.of("blip, none healthy, last kill one pause ago: one more", 10, 0, 1.0,
                        NOW.minus(PAUSE), 1),
                Arguments.of("blip, none healthy, last kill within the pause: none", 10, 0, 1.0,
                        NOW.minusSeconds(9), 0),
                Arguments.of("below the floor with some healthy: one per pause", 10, 7, 0.8, null, 1),
                Arguments.of("capacity 0: every unhealthy one goes, even all", 10, 0, 0.0, NOW, 10),
                Arguments.of("capacity 1.0, one unhealthy of 3: below the floor, one", 3, 2, 1.0, null, 1),
                Arguments.of("capacity 0.3 of 10 rounds to 3, not 4", 10, 3, 0.3, NOW, 7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void limitsKills(String name, int total, int healthy, double capacity, Instant lastKill, int expected) {
        assertThat(allowed(total, healthy, capacity, lastKill)).hasSize(expected);
    }

    @Test
    void keepsTheCandidatesOrderAndTakesTheFirst() {
        List<Instance> all = List.of(instance(0, false), instance(1, false), instance(2, false));

        List<Instance> allowed = new HealthKillLimiter(1, 3, 1.0, PAUSE).allowed(all, List.of(all.get(2), all.get(0)),
                null, NOW);

        assertThat(allowed).containsExactly(all.get(2));
    }

    @Test
    void neverKillsAnInstanceThatIsNotRunning() {
        Instance unreachable = instance(0, false).withCondition(Condition.UNREACHABLE, NOW);
        Instance killing = instance(1, false).withCondition(Condition.KILLING, NOW);

        List<Instance> allowed = new HealthKillLimiter(1, 2, 0.0, PAUSE).allowed(List.of(unreachable, killing),
                List.of(unreachable, killing), null, NOW);

        assertThat(allowed).isEmpty();
    }

    @Test
    void aCandidateThatStillCountsAsHealthyGoesOnlyIfTheFloorHolds() {
        // Healthy by the agent's check although a marathon-run result failed: killing it costs capacity.
        Instance agentHealthy = instance(0, false).withStatus(Condition.RUNNING, NOW, NOW, true, List.of(), null, null);
        List<Instance> others = List.of(instance(1, true), instance(2, true));
        List<Instance> all = new ArrayList<>(others);
        all.add(agentHealthy);

        assertThat(new HealthKillLimiter(1, 3, 1.0, PAUSE).allowed(all, List.of(agentHealthy), null, NOW)).isEmpty();
        assertThat(new HealthKillLimiter(1, 3, 0.6, PAUSE).allowed(all, List.of(agentHealthy), null, NOW))
                .containsExactly(agentHealthy);
    }

    @Test
    void readsCapacityAndCheckCountFromTheApp() {
        HealthCheck http = new HealthCheck("HTTP", null, null, null, null, null, null, null, null, null, null, null);
        App app = App.withId("/web").toBuilder().instances(4).healthChecks(List.of(http, http))
                .upgradeStrategy(new UpgradeStrategy(0.5, 0.0)).build();

        HealthKillLimiter limiter = HealthKillLimiter.of(app, PAUSE);

        assertThat(limiter).isEqualTo(new HealthKillLimiter(2, 4, 0.5, PAUSE));
        assertThat(limiter.minimumHealthy()).isEqualTo(2);
        assertThat(HealthKillLimiter.of(App.withId("/web"), PAUSE).minimumHealthy()).isEqualTo(1);
    }
}
