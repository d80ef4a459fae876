package io.mpaas.protocol.marathon.event;

/**
 * {@code group_change_success}: a deployment of the group (the root, here) finished; {@code version} is the group
 * version.
 */
public record GroupChangeSuccess(String groupId, String version, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "group_change_success";

    public GroupChangeSuccess {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public GroupChangeSuccess(String groupId, String version, String timestamp) {
        this(groupId, version, TYPE, timestamp);
    }
}
