package io.mpaas.marathon.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.instance.AgentInfo;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MarathonHealthCheckTest {

    private static HealthCheck of(String protocol) {
        return new HealthCheck(protocol, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void keepsOnlyMarathonRunChecksAndNumbersThemInAppOrder() {
        App app = App.withId("/web").toBuilder().healthChecks(List.of(of("MESOS_HTTP"), of("TCP"),
                of("COMMAND"), of(null), of("https"))).build();

        List<MarathonHealthCheck> checks = MarathonHealthCheck.of(app);

        assertThat(checks).extracting(MarathonHealthCheck::protocol).containsExactly(
                MarathonHealthCheck.Protocol.TCP, MarathonHealthCheck.Protocol.HTTP, MarathonHealthCheck.Protocol.HTTPS);
        assertThat(checks).extracting(MarathonHealthCheck::index).containsExactly(0, 1, 2);
    }

    @Test
    void fillsInMarathonsDefaults() {
        MarathonHealthCheck check = MarathonHealthCheck.of(App.withId("/web").toBuilder()
                .healthChecks(List.of(of("HTTP"))).build()).getFirst();

        assertThat(check.path()).isEqualTo("/");
        assertThat(check.portIndex()).isZero();
        assertThat(check.gracePeriod()).isEqualTo(Duration.ofSeconds(300));
        assertThat(check.interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(check.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(check.maxConsecutiveFailures()).isEqualTo(3);
        assertThat(check.ignoreHttp1xx()).isFalse();
    }

    @Test
    void portComesFromTheHostPortsByIndexUnlessAFixedPortIsGiven() {
        Instance instance = Instance.scheduled(PathId.of("/web"), Instant.EPOCH, Instant.EPOCH)
                .provisioned("t", 1, AgentInfo.plain("agent", "host"), List.of(31000, 31001), List.of(), null,
                        Instant.EPOCH);
        HealthCheck second = new HealthCheck("HTTP", null, 1, null, null, null, null, null, null, null, null, null);
        HealthCheck fixed = new HealthCheck("HTTP", null, 1, 8080, null, null, null, null, null, null, null, null);
        HealthCheck missing = new HealthCheck("HTTP", null, 2, null, null, null, null, null, null, null, null, null);
        List<MarathonHealthCheck> checks = MarathonHealthCheck.of(App.withId("/web").toBuilder()
                .healthChecks(List.of(second, fixed, missing)).build());

        assertThat(checks.get(0).portOf(instance)).isEqualTo(OptionalInt.of(31001));
        assertThat(checks.get(1).portOf(instance)).isEqualTo(OptionalInt.of(8080));
        assertThat(checks.get(2).portOf(instance)).isEmpty();
    }
}
