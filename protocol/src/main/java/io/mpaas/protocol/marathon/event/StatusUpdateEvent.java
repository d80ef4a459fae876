package io.mpaas.protocol.marathon.event;

import java.util.List;

/**
 * {@code status_update_event}: Mesos reported a task state. {@code taskStatus} is the Mesos state name
 * ({@code TASK_RUNNING}); {@code message} is empty rather than absent when Mesos gave none, as Marathon wrote it;
 * {@code ports} are the host ports and {@code version} the app version the task runs. marathon-lb reloads on it.
 */
public record StatusUpdateEvent(String slaveId, String taskId, String taskStatus, String message, String appId,
        String host, List<IpAddress> ipAddresses, List<Integer> ports, String version, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "status_update_event";

    public StatusUpdateEvent {
        ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
        ports = ports == null ? List.of() : List.copyOf(ports);
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public StatusUpdateEvent(String slaveId, String taskId, String taskStatus, String message, String appId,
            String host, List<IpAddress> ipAddresses, List<Integer> ports, String version, String timestamp) {
        this(slaveId, taskId, taskStatus, message, appId, host, ipAddresses, ports, version, TYPE, timestamp);
    }

    /** An address of the task's container; {@code protocol} is {@code IPv4} or {@code IPv6}. */
    public record IpAddress(String ipAddress, String protocol) {
    }
}
