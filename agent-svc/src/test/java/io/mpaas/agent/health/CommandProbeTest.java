package io.mpaas.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mpaas.agent.container.ExecResult;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.HealthCheck;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandProbeTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final LocalContainer container = new LocalContainer();

    private CheckOutcome probe(String command, Map<String, String> environment, Duration timeout) {
        CommandProbe probe = new CommandProbe(new HealthCheckSpec.Command(command, environment), container, timeout);
        return assertTimeoutPreemptively(DEADLINE, probe::probe);
    }

    @Test
    void exitZeroIsHealthy() {
        assertThat(probe("true", Map.of(), TIMEOUT)).isEqualTo(CheckOutcome.passed("command exited 0"));
    }

    @Test
    void aNonZeroExitIsUnhealthyAndQuotesTheOutput() {
        CheckOutcome outcome = probe("echo 'no pid file' >&2; exit 1", Map.of(), TIMEOUT);

        assertThat(outcome).isEqualTo(CheckOutcome.failed("command exited 1: no pid file"));
    }

    @Test
    void runsWithTheChecksEnvironment() {
        CheckOutcome outcome = probe("test \"$CHECK_TARGET\" = ready", Map.of("CHECK_TARGET", "ready"), TIMEOUT);

        assertThat(outcome.healthy()).isTrue();
        assertThat(container.lastEnvironment).isEqualTo(Map.of("CHECK_TARGET", "ready"));
        assertThat(container.lastTimeout).isEqualTo(TIMEOUT);
    }

    @Test
    void aCommandThatRunsTooLongTimesOut() {
        CheckOutcome outcome = probe("sleep 60", Map.of(), Duration.ofMillis(200));

        assertThat(outcome).isEqualTo(CheckOutcome.failed("command: timed out after 200ms"));
    }

    @Test
    void noTimeoutIsPassedOnAsAVeryLongOne() {
        probe("true", Map.of(), Duration.ZERO);

        assertThat(container.lastTimeout).isEqualTo(CommandProbe.UNLIMITED);
    }

    @Test
    void aCommandThatCannotBeStartedIsUnhealthy() {
        container.answering(new ExecResult(null, false, "Error response from daemon: container is not running\n"));

        assertThat(probe("true", Map.of(), TIMEOUT)).isEqualTo(
                CheckOutcome.failed("command could not be run: Error response from daemon: container is not running"));
    }

    @Test
    void longOutputIsCutShort() {
        container.answering(new ExecResult(2, false, "x".repeat(5000)));

        CheckOutcome outcome = probe("true", Map.of(), TIMEOUT);

        assertThat(outcome.message()).startsWith("command exited 2: xxx").hasSize("command exited 2: ".length() + 1025);
    }

    @Test
    void anExecutableWithArgumentsRunsThroughTheShellQuoted() throws Exception {
        HealthCheckSpec spec = HealthCheckSpec.from(new HealthCheck(HealthCheck.Type.COMMAND,
                new CommandInfo(null, null, false, "/bin/sh", List.of("sh", "-c", "echo \"$0 it's\"; exit 3"), null),
                null, null, null, null, null, null, null));

        CheckOutcome outcome = assertTimeoutPreemptively(DEADLINE, () -> HealthProbe.of(spec, container).probe());

        assertThat(outcome).isEqualTo(CheckOutcome.failed("command exited 3: /bin/sh it's"));
    }
}
