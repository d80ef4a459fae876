package io.mpaas.protocol.marathon.event;

/**
 * {@code health_status_changed_event}: a marathon-run health check of an instance flipped between alive and not
 * alive.
 */
public record HealthStatusChangedEvent(String appId, String instanceId, String version, boolean alive, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "health_status_changed_event";

    public HealthStatusChangedEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public HealthStatusChangedEvent(String appId, String instanceId, String version, boolean alive, String timestamp) {
        this(appId, instanceId, version, alive, TYPE, timestamp);
    }
}
