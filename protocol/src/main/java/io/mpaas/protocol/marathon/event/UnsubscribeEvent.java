package io.mpaas.protocol.marathon.event;

/** {@code unsubscribe_event}: an HTTP callback URL was removed; also the body of that DELETE. */
public record UnsubscribeEvent(String clientIp, String callbackUrl, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "unsubscribe_event";

    public UnsubscribeEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public UnsubscribeEvent(String clientIp, String callbackUrl, String timestamp) {
        this(clientIp, callbackUrl, TYPE, timestamp);
    }
}
