package io.mpaas.protocol.marathon.event;

/**
 * {@code unhealthy_instance_kill_event}: an instance is killed because it failed its health checks too often
 * (Marathon before 1.4 called it {@code unhealthy_task_kill_event}).
 */
public record UnhealthyInstanceKillEvent(String appId, String taskId, String instanceId, String version, String reason,
        String host, String slaveId, String eventType, String timestamp) implements MarathonEvent {

    public static final String TYPE = "unhealthy_instance_kill_event";

    public UnhealthyInstanceKillEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public UnhealthyInstanceKillEvent(String appId, String taskId, String instanceId, String version, String reason,
            String host, String slaveId, String timestamp) {
        this(appId, taskId, instanceId, version, reason, host, slaveId, TYPE, timestamp);
    }
}
