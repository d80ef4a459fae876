package io.mpaas.protocol.marathon.event;

/** {@code remove_health_check_event}: Marathon stops running the health checks of an app. */
public record RemoveHealthCheckEvent(String appId, String eventType, String timestamp) implements MarathonEvent {

    public static final String TYPE = "remove_health_check_event";

    public RemoveHealthCheckEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public RemoveHealthCheckEvent(String appId, String timestamp) {
        this(appId, TYPE, timestamp);
    }
}
