package io.mpaas.protocol.marathon.event;

/**
 * {@code pod_created_event}: a pod was created through the API (pods are not run here; the type exists for
 * readers).
 */
public record PodCreatedEvent(String clientIp, String uri, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "pod_created_event";

    public PodCreatedEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public PodCreatedEvent(String clientIp, String uri, String timestamp) {
        this(clientIp, uri, TYPE, timestamp);
    }
}
