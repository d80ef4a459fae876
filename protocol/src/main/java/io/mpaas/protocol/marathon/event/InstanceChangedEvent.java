package io.mpaas.protocol.marathon.event;

/**
 * {@code instance_changed_event}: an instance's condition changed (Marathon 1.4+). {@code condition} is Marathon's
 * name ({@code Running}, {@code Staging}, {@code Killed}, {@code Unreachable}, {@code UnreachableInactive},
 * {@code Gone}, ...); {@code agentId} and {@code host} are absent while the instance has no agent.
 */
public record InstanceChangedEvent(String instanceId, String condition, String runSpecId, String agentId, String host,
        String runSpecVersion, String eventType, String timestamp) implements MarathonEvent {

    public static final String TYPE = "instance_changed_event";

    public InstanceChangedEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public InstanceChangedEvent(String instanceId, String condition, String runSpecId, String agentId, String host,
            String runSpecVersion, String timestamp) {
        this(instanceId, condition, runSpecId, agentId, host, runSpecVersion, TYPE, timestamp);
    }
}
