package io.mpaas.marathon.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.instance.AgentInfo;
import io.mpaas.marathon.instance.Condition;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Container;
import io.mpaas.protocol.marathon.PortDefinition;
import io.mpaas.protocol.marathon.PortMapping;
import io.mpaas.protocol.marathon.ReadinessCheck;
import io.mpaas.testkit.time.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ReadinessChecksTest {

    private static final PathId WEB = PathId.of("/web");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final AtomicInteger status = new AtomicInteger(503);
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;
    private ReadinessChecks readiness;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ready", exchange -> {
            requests.incrementAndGet();
            byte[] body = ("{\"status\":" + status.get() + ",\"padding\":\"0123456789\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            // With a query the body goes chunked (length 0), as servers send bodies of unknown length.
            exchange.sendResponseHeaders(status.get(), exchange.getRequestURI().getQuery() != null ? 0 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        readiness = new ReadinessChecks(clock, new HealthProperties(256, Duration.ofHours(1), Duration.ofSeconds(5),
                DataSize.ofBytes(200)));
        readiness.start();
    }

    @AfterEach
    void stop() {
        readiness.stop();
        server.stop(0);
    }

    private static App app(String path, boolean preserve) {
        ReadinessCheck check = new ReadinessCheck("ready", "HTTP", path, "admin", 30, 5, List.of(200, 204), preserve);
        return App.withId("/web").toBuilder()
                .portDefinitions(List.of(new PortDefinition(0, "tcp", "http", null),
                        new PortDefinition(0, "tcp", "admin", null)))
                .readinessChecks(List.of(check)).build();
    }

    private Instance running(int incarnation) {
        Instance scheduled = Instance.scheduled(WEB, T0, T0);
        return running(scheduled, incarnation);
    }

    private Instance running(Instance instance, int incarnation) {
        return instance.provisioned(instance.instanceId() + "._app." + incarnation, incarnation,
                        AgentInfo.plain("agent", "127.0.0.1"), List.of(1, server.getAddress().getPort()), List.of(), null,
                        T0)
                .withCondition(Condition.RUNNING, T0);
    }

    private int tickAfter(Duration step) {
        clock.advance(step);
        int started = readiness.tick(clock.instant());
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10))
                .until(readiness::isIdle);
        return started;
    }

    @Test
    void notReadyUntilTheEndpointAnswersAReadyStatusThenNotCheckedAgain() {
        Instance instance = running(1);
        readiness.watch(app("/ready", true), instance);

        assertThat(readiness.isReady(instance.instanceId())).isFalse();
        assertThat(tickAfter(Duration.ZERO)).isEqualTo(1);
        assertThat(readiness.result(instance.instanceId())).contains(new ReadinessCheckResult("ready",
                instance.taskId(), false, new ReadinessCheckResult.HttpResponse(503, "application/json",
                        "{\"status\":503,\"padding\":\"0123456789\"}")));

        status.set(204);
        assertThat(tickAfter(Duration.ofSeconds(29))).isZero();
        assertThat(tickAfter(Duration.ofSeconds(1))).isEqualTo(1);

        assertThat(readiness.isReady(instance.instanceId())).isTrue();
        assertThat(readiness.results(WEB)).extracting(ReadinessCheckResult::ready).containsExactly(true);
        assertThat(tickAfter(Duration.ofSeconds(30))).isZero();
        assertThat(requests).hasValue(2);
    }

    @Test
    void withoutPreserveLastResponseOnlyTheVerdictIsKept() {
        status.set(200);
        Instance instance = running(1);
        readiness.watch(app("/ready", false), instance);

        tickAfter(Duration.ZERO);

        assertThat(readiness.result(instance.instanceId())).contains(new ReadinessCheckResult("ready",
                instance.taskId(), true, null));
    }

    @Test
    void aChunkedBodyIsDecodedAndCutAtTheLimit() {
        server.createContext("/big", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=UTF-8");
            exchange.sendResponseHeaders(200, 0);
            for (int n = 0; n < 100; n++) {
                exchange.getResponseBody().write("0123456789".getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
            }
            exchange.close();
        });
        Instance instance = running(1);
        readiness.watch(app("/ready?chunked", true), instance);
        Instance other = running(1);
        readiness.watch(app("/big", true), other);

        tickAfter(Duration.ZERO);

        assertThat(readiness.result(instance.instanceId()).orElseThrow().lastResponse().body())
                .isEqualTo("{\"status\":503,\"padding\":\"0123456789\"}");
        assertThat(readiness.result(other.instanceId()).orElseThrow().lastResponse().body())
                .isEqualTo("0123456789".repeat(20));
    }

    @Test
    void watchingTheSameTaskAgainKeepsItsResultButARelaunchStartsOver() {
        status.set(200);
        Instance instance = running(1);
        readiness.watch(app("/ready", false), instance);
        tickAfter(Duration.ZERO);

        readiness.watch(app("/ready", false), instance);
        assertThat(readiness.isReady(instance.instanceId())).isTrue();

        Instance relaunched = running(instance, 2);
        readiness.watch(app("/ready", false), relaunched);
        assertThat(readiness.isReady(instance.instanceId())).isFalse();
        assertThat(readiness.result(instance.instanceId()).orElseThrow().taskId()).isEqualTo(relaunched.taskId());

        readiness.forget(instance.instanceId());
        assertThat(readiness.result(instance.instanceId())).isEmpty();
    }

    private Instance runningOn(List<Integer> hostPorts) {
        Instance scheduled = Instance.scheduled(WEB, T0, T0);
        return scheduled.provisioned(scheduled.instanceId() + "._app.1", 1, AgentInfo.plain("agent", "127.0.0.1"),
                hostPorts, List.of(), null, T0).withCondition(Condition.RUNNING, T0);
    }

    @Test
    void anUnreachableEndpointIsNotReady() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Instance instance = runningOn(List.of(1, closed));
        readiness.watch(app("/ready", true), instance);

        assertThat(tickAfter(Duration.ZERO)).isEqualTo(1);

        assertThat(readiness.result(instance.instanceId())).contains(new ReadinessCheckResult("ready",
                instance.taskId(), false, null));
    }

    @Test
    void anInstanceWithoutThePortIsNeverCheckedAndAppsWithoutACheckAreNotWatched() {
        Instance onePort = runningOn(List.of(server.getAddress().getPort()));
        readiness.watch(app("/ready", true), onePort);
        Instance plain = running(1);
        readiness.watch(App.withId("/web"), plain);

        assertThat(tickAfter(Duration.ZERO)).isZero();
        assertThat(readiness.isReady(onePort.instanceId())).isFalse();
        assertThat(readiness.result(plain.instanceId())).isEmpty();
        assertThat(ReadinessChecks.hasReadinessCheck(App.withId("/web"))).isFalse();
        assertThat(requests).hasValue(0);
    }

    @Test
    void portNamesComeFromPortDefinitionsOrContainerPortMappings() {
        App bridged = App.withId("/web").toBuilder().container(new Container("DOCKER", null, null, List.of(
                new PortMapping(8080, 0, 0, "tcp", "web", null, null),
                new PortMapping(9090, 0, 0, "tcp", "admin", null, null)))).build();

        assertThat(ReadinessChecks.portIndex(app("/", false), "admin")).isEqualTo(OptionalInt.of(1));
        assertThat(ReadinessChecks.portIndex(bridged, "admin")).isEqualTo(OptionalInt.of(1));
        assertThat(ReadinessChecks.portIndex(bridged, "metrics")).isEmpty();
    }

    @Test
    void aStoppedRunnerChecksNothing() {
        Instance instance = running(1);
        readiness.stop();
        readiness.watch(app("/ready", true), instance);

        assertThat(readiness.tick(T0)).isZero();
        assertThat(requests).hasValue(0);
    }
}
