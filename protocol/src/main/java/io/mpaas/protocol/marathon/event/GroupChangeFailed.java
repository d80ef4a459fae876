package io.mpaas.protocol.marathon.event;

/** {@code group_change_failed}: a deployment of the group (the root, here) failed or was cancelled. */
public record GroupChangeFailed(String groupId, String version, String reason, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "group_change_failed";

    public GroupChangeFailed {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public GroupChangeFailed(String groupId, String version, String reason, String timestamp) {
        this(groupId, version, reason, TYPE, timestamp);
    }
}
