package io.mpaas.protocol.marathon;

import java.util.List;

/**
 * A task as {@code /v2/tasks}, {@code /v2/apps/{id}/tasks} and {@code embed=apps.tasks} show it.
 *
 * @param state Mesos's state name, e.g. {@code TASK_RUNNING}
 */
public record MarathonTask(
        String id,
        String appId,
        String host,
        String slaveId,
        String state,
        String stagedAt,
        String startedAt,
        String version,
        List<Integer> ports,
        List<Integer> servicePorts,
        List<IpAddress> ipAddresses,
        List<HealthCheckResult> healthCheckResults,
        List<Object> localVolumes,
        String role) {

    public MarathonTask {
        ports = ports == null ? List.of() : List.copyOf(ports);
        servicePorts = servicePorts == null ? List.of() : List.copyOf(servicePorts);
        ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
        healthCheckResults = healthCheckResults == null ? List.of() : List.copyOf(healthCheckResults);
        localVolumes = localVolumes == null ? List.of() : List.copyOf(localVolumes);
    }

    /** An address of the task, {@code protocol} IPv4 or IPv6. */
    public record IpAddress(String ipAddress, String protocol) {
    }

    /**
     * The result of one health check for one instance.
     *
     * @param alive whether the last check passed
     */
    public record HealthCheckResult(
            boolean alive,
            int consecutiveFailures,
            String firstSuccess,
            String lastSuccess,
            String lastFailure,
            String lastFailureCause,
            String instanceId) {
    }
}
