package io.mpaas.protocol.marathon.event;

/**
 * {@code subscribe_event}: an HTTP callback URL was registered ({@code /v2/eventSubscriptions}); also the body of
 * that POST.
 */
public record SubscribeEvent(String clientIp, String callbackUrl, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "subscribe_event";

    public SubscribeEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public SubscribeEvent(String clientIp, String callbackUrl, String timestamp) {
        this(clientIp, callbackUrl, TYPE, timestamp);
    }
}
