package io.mpaas.protocol.marathon.event;

import io.mpaas.protocol.marathon.App;

/**
 * {@code api_post_event}: an app was created or changed through the API; {@code appDefinition} is the app as
 * stored.
 */
public record ApiPostEvent(String clientIp, String uri, App appDefinition, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "api_post_event";

    public ApiPostEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public ApiPostEvent(String clientIp, String uri, App appDefinition, String timestamp) {
        this(clientIp, uri, appDefinition, TYPE, timestamp);
    }
}
