package io.mpaas.protocol.marathon;

/**
 * A Marathon health check. HTTP, HTTPS and TCP are run by the leading marathon; COMMAND,
 * MESOS_HTTP, MESOS_HTTPS and MESOS_TCP by the agent, read back from status updates.
 */
public record HealthCheck(
        String protocol,
        String path,
        Integer portIndex,
        Integer port,
        Command command,
        Integer gracePeriodSeconds,
        Integer intervalSeconds,
        Integer timeoutSeconds,
        Integer maxConsecutiveFailures,
        Boolean ignoreHttp1xx,
        Integer delaySeconds,
        String ipProtocol) {

    /** The shell command of a COMMAND check. */
    public record Command(String value) {
    }
}
