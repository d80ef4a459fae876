package io.mpaas.protocol.marathon.event;

import io.mpaas.protocol.marathon.HealthCheck;

/**
 * {@code failed_health_check_event}: a marathon-run health check of an instance failed and the failure counted.
 * Marathon's documentation names the instance {@code instanceId}, while Marathon's own writer (1.4 to 1.10) puts
 * the same id under {@code taskId}; both are written, with the same value, so that readers of either find it.
 */
public record FailedHealthCheckEvent(String appId, String instanceId, String taskId, HealthCheck healthCheck,
        String eventType, String timestamp) implements MarathonEvent {

    public static final String TYPE = "failed_health_check_event";

    public FailedHealthCheckEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    /** The event for {@code instanceId}, written under both names. */
    public FailedHealthCheckEvent(String appId, String instanceId, HealthCheck healthCheck, String timestamp) {
        this(appId, instanceId, instanceId, healthCheck, TYPE, timestamp);
    }
}
