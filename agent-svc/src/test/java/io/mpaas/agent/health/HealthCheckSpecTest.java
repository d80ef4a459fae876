package io.mpaas.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.CommandInfo.Environment;
import io.mpaas.protocol.mesos.CommandInfo.Environment.Variable;
import io.mpaas.protocol.mesos.HealthCheck;
import io.mpaas.protocol.mesos.HealthCheck.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HealthCheckSpecTest {

    private static HealthCheck.Http http(Long port, String scheme, String path, List<Long> statuses) {
        return new HealthCheck.Http(scheme, port, path, statuses, null);
    }

    private static HealthCheck check(Type type, CommandInfo command, HealthCheck.Http http, HealthCheck.Tcp tcp) {
        return new HealthCheck(type, command, http, tcp, null, null, null, null, null);
    }

    private static HealthCheck timing(Double delay, Double interval, Double timeout, Integer failures, Double grace) {
        return new HealthCheck(Type.TCP, null, null, new HealthCheck.Tcp(8080L, null), delay, interval, timeout,
                failures, grace);
    }

    @Test
    void fillsInMesossDefaults() throws Exception {
        HealthCheckSpec spec = HealthCheckSpec.from(check(Type.HTTP, null, http(8080L, null, null, null), null));

        assertThat(spec).isEqualTo(new HealthCheckSpec(
                new HealthCheckSpec.Http("http", 8080, "/", Set.of()),
                Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(20), 3, Duration.ofSeconds(10)));
        assertThat(spec.hasTimeout()).isTrue();
    }

    @Test
    void takesTheChecksOwnTimingsWithFractionsOfASecond() throws Exception {
        HealthCheckSpec spec = HealthCheckSpec.from(timing(0.0, 0.5, 1.25, 7, 300.0));

        assertThat(spec.delay()).isZero();
        assertThat(spec.interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(spec.timeout()).isEqualTo(Duration.ofMillis(1250));
        assertThat(spec.consecutiveFailures()).isEqualTo(7);
        assertThat(spec.gracePeriod()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void aZeroTimeoutMeansNoLimitAsInMesos() throws Exception {
        HealthCheckSpec spec = HealthCheckSpec.from(timing(null, null, 0.0, null, null));

        assertThat(spec.timeout()).isZero();
        assertThat(spec.hasTimeout()).isFalse();
    }

    @Test
    void keepsAnHttpsCheckWithItsPathQueryAndStatuses() throws Exception {
        HealthCheckSpec spec = HealthCheckSpec.from(
                check(Type.HTTP, null, http(8443L, "https", "/health?deep=1", List.of(204L, 200L)), null));

        HealthCheckSpec.Http target = (HealthCheckSpec.Http) spec.target();
        assertThat(target).isEqualTo(new HealthCheckSpec.Http("https", 8443, "/health?deep=1", Set.of(200, 204)));
        assertThat(target.accepts(204)).isTrue();
        assertThat(target.accepts(302)).isFalse();
    }

    @Test
    void withoutStatusesAcceptsTwoHundredToThreeNinetyNine() {
        HealthCheckSpec.Http target = new HealthCheckSpec.Http("http", 80, "/", Set.of());

        assertThat(target.accepts(199)).isFalse();
        assertThat(target.accepts(200)).isTrue();
        assertThat(target.accepts(399)).isTrue();
        assertThat(target.accepts(400)).isFalse();
        assertThat(target.accepts(503)).isFalse();
    }

    @Test
    void aShellCommandRunsAsGivenWithItsVariables() throws Exception {
        CommandInfo command = new CommandInfo(null,
                new Environment(List.of(new Variable("A", null, "1", null), new Variable("B", "VALUE", null, null))),
                null, "curl -f http://localhost:$PORT0/health", null, null);

        HealthCheckSpec spec = HealthCheckSpec.from(check(Type.COMMAND, command, null, null));

        assertThat(spec.target()).isEqualTo(new HealthCheckSpec.Command(
                "curl -f http://localhost:$PORT0/health", Map.of("A", "1", "B", "")));
    }

    @Test
    void anExecutableWithArgumentsBecomesAQuotedExecLine() throws Exception {
        CommandInfo command = new CommandInfo(null, null, false, "/usr/bin/test",
                List.of("test", "-f", "/tmp/it's here"), null);

        HealthCheckSpec spec = HealthCheckSpec.from(check(Type.COMMAND, command, null, null));

        assertThat(((HealthCheckSpec.Command) spec.target()).shellCommand())
                .isEqualTo("exec '/usr/bin/test' '-f' '/tmp/it'\\''s here'");
    }

    static Stream<Arguments> invalidChecks() {
        return Stream.of(
                Arguments.of(check(null, null, null, null), "HealthCheck must specify 'type'"),
                Arguments.of(check(Type.UNKNOWN, null, null, null), "'UNKNOWN' is not a valid health check type"),
                Arguments.of(check(Type.COMMAND, null, null, null),
                        "Expecting 'command' to be set for COMMAND health check"),
                Arguments.of(check(Type.COMMAND, CommandInfo.shell(" "), null, null),
                        "Command health check must contain 'shell command'"),
                Arguments.of(check(Type.COMMAND, new CommandInfo(null, null, false, null, List.of("x"), null), null,
                        null), "Command health check must contain 'executable path'"),
                Arguments.of(check(Type.COMMAND, new CommandInfo(null,
                        new Environment(List.of(new Variable("TOKEN", "SECRET", null, null))), null, "true", null,
                        null), null, null),
                        "Health check's `CommandInfo` is invalid: secret environment variable 'TOKEN' is not supported"),
                Arguments.of(check(Type.COMMAND, new CommandInfo(null,
                        new Environment(List.of(new Variable(null, null, "x", null))), null, "true", null, null),
                        null, null), "Health check's `CommandInfo` is invalid: an environment variable has no name"),
                Arguments.of(check(Type.HTTP, null, null, null), "Expecting 'http' to be set for HTTP health check"),
                Arguments.of(check(Type.HTTP, null, http(null, null, null, null), null),
                        "Expecting 'http.port' to be set for HTTP health check"),
                Arguments.of(check(Type.HTTP, null, http(70000L, null, null, null), null),
                        "Expecting 'http.port' to be a port (1-65535), not 70000"),
                Arguments.of(check(Type.HTTP, null, http(80L, "ftp", null, null), null),
                        "Unsupported HTTP health check scheme: 'ftp'"),
                Arguments.of(check(Type.HTTP, null, http(80L, null, "health", null), null),
                        "The path 'health' of HTTP health check must start with '/'"),
                Arguments.of(check(Type.HTTP, null, http(80L, null, "/a b", null), null),
                        "The path '/a b' of HTTP health check is not a valid URL path: Illegal character in path"),
                Arguments.of(check(Type.HTTP, null, http(80L, null, null, List.of(200L, 42L)), null),
                        "HTTP health check status 42 is not an HTTP status code (100-599)"),
                Arguments.of(check(Type.TCP, null, null, null), "Expecting 'tcp' to be set for TCP health check"),
                Arguments.of(check(Type.TCP, null, null, new HealthCheck.Tcp(null, null)),
                        "Expecting 'tcp.port' to be set for TCP health check"),
                Arguments.of(check(Type.TCP, null, null, new HealthCheck.Tcp(0L, null)),
                        "Expecting 'tcp.port' to be a port (1-65535), not 0"),
                Arguments.of(timing(-1.0, null, null, null, null), "Expecting 'delay_seconds' to be non-negative"),
                Arguments.of(timing(null, -0.5, null, null, null), "Expecting 'interval_seconds' to be non-negative"),
                Arguments.of(timing(null, null, -20.0, null, null), "Expecting 'timeout_seconds' to be non-negative"),
                Arguments.of(timing(null, null, null, -1, null),
                        "Expecting 'consecutive_failures' to be non-negative"),
                Arguments.of(timing(null, null, null, null, -10.0),
                        "Expecting 'grace_period_seconds' to be non-negative"),
                Arguments.of(timing(null, Double.NaN, null, null, null),
                        "Expecting 'interval_seconds' to be a finite number"),
                Arguments.of(timing(null, null, Double.POSITIVE_INFINITY, null, null),
                        "Expecting 'timeout_seconds' to be a finite number"),
                Arguments.of(timing(1e300, null, null, null, null),
                        "Expecting 'delay_seconds' to be at most 9223372036 seconds"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidChecks")
    void rejectsWhatCannotBeRunWithMesossWording(HealthCheck check, String message) {
        assertThatThrownBy(() -> HealthCheckSpec.from(check))
                .isInstanceOf(InvalidHealthCheckException.class)
                .hasMessageStartingWith(message);
    }
}
