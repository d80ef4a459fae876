package io.mpaas.marathon.app;

import static io.mpaas.marathon.app.AppValidatorTest.DOCKER;
import static io.mpaas.marathon.app.AppValidatorTest.checkFields;
import static io.mpaas.marathon.app.AppValidatorTest.violation;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Health and readiness check rules, run through {@link AppValidator} as the API runs them; one test per message. */
class HealthCheckRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"'healthChecks':[{'portIndex':1}]", "'healthChecks':[{'protocol':'TCP','portIndex':-1}]",
        "'portDefinitions':[],'healthChecks':[{}]"})
    void healthCheckPortIndexMustAddressAPort(String fields) {
        assertThat(checkFields(fields)).containsExactly(violation("/healthChecks(0)/portIndex",
                "Health check port indices must address an element of the ports array or container port mappings."));
    }

    @Test
    void healthCheckWithAnExplicitPortNeedsNoPortIndex() {
        assertThat(checkFields("'portDefinitions':[],'healthChecks':[{'port':8080}]")).isEmpty();
    }

    @Test
    void healthCheckProtocolsAreKnown() {
        assertThat(checkFields("'healthChecks':[{'protocol':'UDP'}]")).containsExactly(violation(
                "/healthChecks(0)/protocol",
                "got UDP, expected one of: [HTTP, HTTPS, TCP, COMMAND, MESOS_HTTP, MESOS_HTTPS, MESOS_TCP]"));
    }

    @Test
    void commandHealthChecksNeedACommand() {
        assertThat(checkFields("'healthChecks':[{'protocol':'COMMAND'}]"))
                .containsExactly(violation("/healthChecks(0)/command", "must not be empty"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "gracePeriodSeconds     | -1 | got -1, expected 0 or more",
        "intervalSeconds        | 0  | got 0, expected 1 or more",
        "timeoutSeconds         | 0  | got 0, expected 1 or more",
        "maxConsecutiveFailures | -1 | got -1, expected 0 or more",
        "delaySeconds           | -1 | got -1, expected 0 or more"
    })
    void healthCheckTimesHaveLowerBounds(String field, int value, String message) {
        assertThat(checkFields("'healthChecks':[{'" + field + "':" + value + "}]"))
                .containsExactly(violation("/healthChecks(0)/" + field, message));
    }

    @Test
    void atMostOneMesosHealthCheck() {
        assertThat(checkFields("'healthChecks':[{'protocol':'MESOS_HTTP'},{'protocol':'MESOS_TCP'}]"))
                .containsExactly(violation("/", "AppDefinition can contain at most one Mesos health check"));
    }

    @Test
    void mesosAndMarathonHealthChecksDoNotMix() {
        assertThat(checkFields("'healthChecks':[{'protocol':'HTTP'},{'command':{'value':'true'}}]"))
                .containsExactly(violation("/", "AppDefinition cannot mix Mesos health checks (COMMAND, MESOS_HTTP, "
                        + "MESOS_HTTPS, MESOS_TCP) with Marathon health checks (HTTP, HTTPS, TCP)"));
    }

    @Test
    void ipv6HealthChecksNeedDockerAndAMesosProbe() {
        assertThat(checkFields("'healthChecks':[{'protocol':'MESOS_HTTP','ipProtocol':'IPv6'}]")).containsExactly(
                violation("/healthChecks(0)/ipProtocol",
                        "IPv6 can only be used for container type DOCKER and Mesos http/https/tcp health checks"));
        assertThat(checkFields(DOCKER + ",'healthChecks':[{'protocol':'MESOS_HTTP','ipProtocol':'IPv6'}]")).isEmpty();
    }

    @Test
    void healthCheckIpProtocolIsKnown() {
        assertThat(checkFields("'healthChecks':[{'ipProtocol':'IPX'}]")).containsExactly(
                violation("/healthChecks(0)/ipProtocol", "got IPX, expected one of: [IPv4, IPv6]"));
    }

    @Test
    void atMostOneReadinessCheck() {
        assertThat(checkFields("'portDefinitions':[{'port':0,'name':'http-api'}],'readinessChecks':[{},{'name':'b'}]"))
                .containsExactly(violation("/readinessChecks", "got 2, expected 1 or less"));
    }

    @Test
    void readinessCheckTimeoutIsShorterThanItsInterval() {
        assertThat(checkFields("'portDefinitions':[{'port':0,'name':'http-api'}],"
                + "'readinessChecks':[{'intervalSeconds':10,'timeoutSeconds':10}]"))
                .containsExactly(violation("/readinessChecks(0)/timeoutSeconds", "got 10, expected less than 10"));
    }

    @Test
    void readinessCheckPortNameNamesAPort() {
        assertThat(checkFields("'portDefinitions':[{'port':0,'name':'web'}],'readinessChecks':[{}]")).containsExactly(
                violation("/readinessChecks(0)/portName", "No port definition reference for portName http-api"));
    }

    @Test
    void readinessCheckProtocolIsHttpOrHttps() {
        assertThat(checkFields("'portDefinitions':[{'port':0,'name':'http-api'}],"
                + "'readinessChecks':[{'protocol':'TCP'}]"))
                .containsExactly(violation("/readinessChecks(0)/protocol", "got TCP, expected one of: [HTTP, HTTPS]"));
    }
}
