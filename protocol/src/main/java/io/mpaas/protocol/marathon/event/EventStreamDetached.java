package io.mpaas.protocol.marathon.event;

/** {@code event_stream_detached}: a {@code /v2/events} client went away (or was cut off for reading too slowly). */
public record EventStreamDetached(String remoteAddress, String eventType, String timestamp) implements MarathonEvent {

    public static final String TYPE = "event_stream_detached";

    public EventStreamDetached {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public EventStreamDetached(String remoteAddress, String timestamp) {
        this(remoteAddress, TYPE, timestamp);
    }
}
