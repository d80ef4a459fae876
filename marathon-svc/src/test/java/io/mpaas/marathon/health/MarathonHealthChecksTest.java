package io.mpaas.marathon.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mpaas.marathon.app.MarathonTime;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.group.RootGroup;
import io.mpaas.marathon.instance.AgentInfo;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Goal;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.marathon.MarathonTask.HealthCheckResult;
import io.mpaas.protocol.marathon.UpgradeStrategy;
import io.mpaas.protocol.marathon.VersionInfo;
import io.mpaas.testkit.time.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class MarathonHealthChecksTest {

    private static final PathId WEB = PathId.of("/web");
    private static final Instant V1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant V2 = Instant.parse("2026-01-01T01:00:00Z");
    private static final Instant T0 = Instant.parse("2026-01-01T02:00:00Z");
    private static final Outcome FAIL = new Outcome.Unhealthy("500 Internal Server Error");

    private final MutableClock clock = new MutableClock(T0);
    private final FakeInstances instances = new FakeInstances();
    private final RecordingHealthSink sink = new RecordingHealthSink(instances);
    private final RecordingEvents events = new RecordingEvents();
    private final ScriptedProbe probe = new ScriptedProbe();
    private final AtomicReference<RootGroup> root = new AtomicReference<>(RootGroup.empty(V1));
    private HealthChecker checker;
    private MarathonHealthChecks loop;

    @AfterEach
    void stop() {
        if (loop != null) {
            loop.stop();
        }
    }

    private MarathonHealthChecks loop(HealthCheckProbe using, int maxConcurrent) {
        HealthProperties properties = new HealthProperties(maxConcurrent, Duration.ofHours(1), Duration.ofSeconds(5),
                DataSize.ofKilobytes(64));
        checker = new HealthChecker(instances, using, sink, events, clock, properties);
        loop = new MarathonHealthChecks(root::get, checker, clock, properties);
        loop.start();
        assertThat(loop.tick(clock.instant())).as("a new check is never due at once").isZero();
        return loop;
    }

    private static HealthCheck http(int maxConsecutiveFailures) {
        return new HealthCheck("HTTP", "/health", 0, null, null, 300, 10, 2, maxConsecutiveFailures, false, null,
                null);
    }

    private void deploy(int count, double minimumHealthCapacity, HealthCheck... checks) {
        App app = App.withId("/web").toBuilder().instances(count).healthChecks(List.of(checks))
                .upgradeStrategy(new UpgradeStrategy(minimumHealthCapacity, 1.0))
                .version(MarathonTime.format(V2)).versionInfo(new VersionInfo(MarathonTime.format(V2),
                        MarathonTime.format(V2)))
                .build();
        root.set(new RootGroup(V2, Map.of(WEB, app), Map.of()));
    }

    private Instance running(String host, int port) {
        return running(host, port, V2);
    }

    private Instance running(String host, int port, Instant version) {
        return running(host, port, version, version);
    }

    private Instance running(String host, int port, Instant version, Instant config) {
        Instance scheduled = Instance.scheduled(WEB, version, config, T0.minusSeconds(7200));
        return instances.put(scheduled
                .provisioned(scheduled.instanceId() + "._app.1", 1, AgentInfo.plain("agent-1", host), List.of(port),
                        List.of(10000), null, T0.minusSeconds(7200))
                .withStatus(Condition.RUNNING, T0.minusSeconds(3600), T0.minusSeconds(3600), null, List.of(), null,
                        null));
    }

    /** Moves the clock, ticks, and waits until the rounds it started are done. */
    private int tickAfter(Duration step) {
        clock.advance(step);
        int rounds = loop.tick(clock.instant());
        awaitIdle();
        return rounds;
    }

    private void awaitIdle() {
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10))
                .until(loop::isIdle);
    }

    @Test
    void firstRoundAfterFiveSecondsChecksRunningInstancesOfTheCurrentConfigurationOnly() {
        deploy(2, 1.0, http(3));
        Instance a = running("host-a", 31000);
        Instance b = running("host-b", 31001);
        running("host-old", 31002, V1);
        instances.put(running("host-staging", 31003).withCondition(Condition.STAGING, T0));
        instances.put(running("host-leaving", 31004).withGoal(Goal.DECOMMISSIONED));
        // Of a later configuration the app was rolled back from: not the current one.
        running("host-abandoned", 31006, V2.plusSeconds(60), V2.plusSeconds(60));
        loop(probe, 256);

        assertThat(tickAfter(Duration.ofSeconds(4))).isZero();
        assertThat(tickAfter(Duration.ofSeconds(1))).isEqualTo(1);

        assertThat(probe.probedHosts).containsExactlyInAnyOrder("host-a", "host-b");
        String now = MarathonTime.format(T0.plusSeconds(5));
        assertThat(sink.last(a.instanceId())).containsExactly(
                new HealthCheckResult(true, 0, now, now, null, null, a.instanceId()));
        assertThat(sink.recorded).extracting(RecordingHealthSink.Recorded::instanceId)
                .containsExactlyInAnyOrder(a.instanceId(), b.instanceId());
        assertThat(events.published).containsExactlyInAnyOrder(
                "add_health_check_event " + a.appId(),
                "health_status_changed_event " + a.instanceId() + " alive=true",
                "health_status_changed_event " + b.instanceId() + " alive=true");
        assertThat(instances.get(a.instanceId()).isHealthy(1)).isTrue();
    }

    @Test
    void aScaleKeepsCheckingTheInstancesLaunchedBeforeIt() {
        deploy(2, 1.0, http(3));
        Instant scaledAt = V2.plusSeconds(600);
        App scaled = root.get().app(WEB).orElseThrow().toBuilder().instances(3).version(MarathonTime.format(scaledAt))
                .versionInfo(new VersionInfo(MarathonTime.format(scaledAt), MarathonTime.format(V2))).build();
        root.set(new RootGroup(scaledAt, Map.of(WEB, scaled), Map.of()));
        running("host-before", 31000, V2, V2);
        running("host-after", 31001, scaledAt, V2);
        running("host-old", 31002, V1, V1);
        loop(probe, 256);

        tickAfter(Duration.ofSeconds(5));

        assertThat(probe.probedHosts).containsExactlyInAnyOrder("host-before", "host-after");
    }

    @Test
    void failuresArePublishedAndTheThirdInARowKills() {
        deploy(3, 0.5, http(3));
        Instance good1 = running("good-1", 31000);
        running("good-2", 31000);
        Instance bad = running("bad", 31000);
        probe.answer("bad", FAIL);
        loop(probe, 256);

        tickAfter(Duration.ofSeconds(5));
        tickAfter(Duration.ofSeconds(10));
        assertThat(sink.killed).isEmpty();
        assertThat(sink.last(bad.instanceId()).getFirst().consecutiveFailures()).isEqualTo(2);
        tickAfter(Duration.ofSeconds(10));

        assertThat(sink.killed).containsExactly(new RecordingHealthSink.Killed(bad.instanceId(),
                "500 Internal Server Error"));
        HealthCheckResult last = sink.last(bad.instanceId()).getFirst();
        assertThat(last.consecutiveFailures()).isEqualTo(3);
        assertThat(last.lastFailureCause()).isEqualTo("500 Internal Server Error");
        assertThat(last.lastFailure()).isEqualTo(MarathonTime.format(T0.plusSeconds(25)));
        assertThat(events.about(bad)).containsExactly(
                "failed_health_check_event " + bad.instanceId() + " HTTP",
                "failed_health_check_event " + bad.instanceId() + " HTTP",
                "failed_health_check_event " + bad.instanceId() + " HTTP",
                "unhealthy_instance_kill_event " + bad.instanceId() + " 500 Internal Server Error");
        assertThat(events.about(good1)).containsExactly("health_status_changed_event " + good1.instanceId()
                + " alive=true");
        assertThat(checker.kills()).isEqualTo(1);
        assertThat(checker.failures()).isEqualTo(3);
    }

    @Test
    void aBlipThatFailsEveryInstanceKillsOnlyOneInstancePerInterval() {
        deploy(4, 1.0, http(1));
        IntStream.range(0, 4).forEach(n -> running("host-" + n, 31000));
        loop(probe, 256);
        tickAfter(Duration.ofSeconds(5));
        assertThat(instances.all()).allMatch(i -> i.isHealthy(1));

        probe.answerEveryone(new Outcome.Unhealthy("Connection refused"));
        tickAfter(Duration.ofSeconds(10));

        assertThat(sink.killed).hasSize(1);
        assertThat(checker.killsPostponed()).isEqualTo(3);
        assertThat(events.published.stream().filter(e -> e.startsWith("health_status_changed_event"))
                .filter(e -> e.endsWith("alive=false"))).hasSize(4);

        tickAfter(Duration.ofSeconds(10));

        assertThat(sink.killed).hasSize(2);
        assertThat(instances.all().stream().filter(i -> i.condition() == Condition.KILLING)).hasSize(2);
    }

    @Test
    void aNewLeaderContinuesFromTheResultsPersistedOnTheInstance() {
        deploy(2, 0.0, http(3));
        String earlier = MarathonTime.format(T0.minusSeconds(600));
        Instance failing = running("failing", 31000);
        instances.put(failing.withHealthResults(List.of(new HealthCheckResult(false, 2, earlier, earlier, earlier,
                "Connection refused", failing.instanceId()))));
        probe.answer("failing", FAIL);
        loop(probe, 256);

        tickAfter(Duration.ofSeconds(5));

        assertThat(sink.last(failing.instanceId())).containsExactly(new HealthCheckResult(false, 3, earlier, earlier,
                MarathonTime.format(T0.plusSeconds(5)), "500 Internal Server Error", failing.instanceId()));
        assertThat(sink.killed).extracting(RecordingHealthSink.Killed::instanceId).containsExactly(failing.instanceId());
    }

    @Test
    void failuresWithinTheGracePeriodOfANewInstanceRecordNothing() {
        deploy(1, 1.0, http(1));
        Instance starting = running("starting", 31000);
        instances.put(starting.withStatus(Condition.RUNNING, T0, T0, null, List.of(), null, null));
        probe.answer("starting", FAIL);
        loop(probe, 256);

        tickAfter(Duration.ofSeconds(5));

        assertThat(probe.probedHosts).containsExactly("starting");
        assertThat(sink.recorded).isEmpty();
        assertThat(events.published).allMatch(e -> e.startsWith("add_health_check_event"));
        assertThat(sink.killed).isEmpty();
    }

    @Test
    void aStoppedLoopChecksNothing() {
        deploy(1, 1.0, http(3));
        running("host", 31000);
        HealthProperties properties = HealthProperties.defaults();
        MarathonHealthChecks idle = new MarathonHealthChecks(root::get,
                new HealthChecker(instances, probe, sink, events, clock, properties), clock, properties);

        assertThat(idle.tick(T0.plusSeconds(60))).isZero();
        idle.start();
        idle.stop();
        assertThat(idle.tick(T0.plusSeconds(120))).isZero();
        assertThat(idle.isRunning()).isFalse();
        assertThat(probe.probedHosts).isEmpty();
    }

    @Test
    void probesRunAtMostMaxConcurrentAtOnceAndABusyAppFallsBehind() {
        deploy(8, 1.0, http(3));
        IntStream.range(0, 8).forEach(n -> running("host-" + n, 31000));
        Semaphore gate = new Semaphore(0);
        probe.gate(gate);
        loop(probe, 2);

        clock.advance(Duration.ofSeconds(5));
        assertThat(loop.tick(clock.instant())).isEqualTo(1);
        await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10))
                .until(() -> checker.probesInFlight() == 2);
        clock.advance(Duration.ofSeconds(13));
        assertThat(loop.tick(clock.instant())).isZero();
        assertThat(loop.behindSchedule()).isEqualTo(Duration.ofSeconds(3));

        gate.release(8);
        awaitIdle();

        assertThat(probe.maxInFlight).hasValue(2);
        assertThat(checker.checksRun()).isEqualTo(8);
        assertThat(sink.recorded).hasSize(8);
    }

    @Test
    void checksRealEndpointsWithTheSocketProbe() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        HttpServer broken = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        broken.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        broken.start();
        try {
            deploy(2, 1.0, http(3));
            Instance up = running("127.0.0.1", server.getAddress().getPort());
            Instance down = running("127.0.0.1", broken.getAddress().getPort());
            loop(new SocketProbe(), 256);

            tickAfter(Duration.ofSeconds(5));

            assertThat(sink.last(up.instanceId()).getFirst().alive()).isTrue();
            assertThat(sink.last(down.instanceId()).getFirst().lastFailureCause()).isEqualTo("503 Service Unavailable");
        } finally {
            server.stop(0);
            broken.stop(0);
        }
    }

    @Test
    void metricsShowTheCounters() {
        deploy(1, 1.0, http(3));
        running("bad", 31000);
        probe.answer("bad", FAIL);
        loop(probe, 256);
        tickAfter(Duration.ofSeconds(5));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        new HealthCheckMetrics(loop, checker).bindTo(registry);

        assertThat(registry.get("marathon.health.checks").functionCounter().count()).isEqualTo(1.0);
        assertThat(registry.get("marathon.health.failures").functionCounter().count()).isEqualTo(1.0);
        assertThat(registry.get("marathon.health.kills").functionCounter().count()).isZero();
        assertThat(registry.get("marathon.health.in.flight").gauge().value()).isZero();
        assertThat(registry.get("marathon.health.behind").timeGauge().value()).isZero();
    }
}
