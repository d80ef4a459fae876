package io.mpaas.protocol.marathon.event;

/** {@code event_stream_attached}: a client opened {@code /v2/events}; the first event that client's stream carries. */
public record EventStreamAttached(String remoteAddress, String eventType, String timestamp) implements MarathonEvent {

    public static final String TYPE = "event_stream_attached";

    public EventStreamAttached {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public EventStreamAttached(String remoteAddress, String timestamp) {
        this(remoteAddress, TYPE, timestamp);
    }
}
