package io.mpaas.protocol.marathon.event;

/** {@code pod_updated_event}: a pod was changed through the API. */
public record PodUpdatedEvent(String clientIp, String uri, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "pod_updated_event";

    public PodUpdatedEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public PodUpdatedEvent(String clientIp, String uri, String timestamp) {
        this(clientIp, uri, TYPE, timestamp);
    }
}
