package io.mpaas.protocol.marathon.event;

/** {@code pod_deleted_event}: a pod was deleted through the API. */
public record PodDeletedEvent(String clientIp, String uri, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "pod_deleted_event";

    public PodDeletedEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public PodDeletedEvent(String clientIp, String uri, String timestamp) {
        this(clientIp, uri, TYPE, timestamp);
    }
}
