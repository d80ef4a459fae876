package io.mpaas.protocol.marathon.event;

/** {@code app_terminated_event}: every instance of a removed app is gone. */
public record AppTerminatedEvent(String appId, String eventType, String timestamp) implements MarathonEvent {

    public static final String TYPE = "app_terminated_event";

    public AppTerminatedEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public AppTerminatedEvent(String appId, String timestamp) {
        this(appId, TYPE, timestamp);
    }
}
