package io.mpaas.protocol.marathon.event;

import io.mpaas.protocol.marathon.HealthCheck;

/** {@code add_health_check_event}: Marathon starts running a health check for an app version. */
public record AddHealthCheckEvent(String appId, String version, HealthCheck healthCheck, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "add_health_check_event";

    public AddHealthCheckEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public AddHealthCheckEvent(String appId, String version, HealthCheck healthCheck, String timestamp) {
        this(appId, version, healthCheck, TYPE, timestamp);
    }
}
