package io.mpaas.protocol.marathon.event;

/**
 * {@code unknown_instance_terminated_event}: a task marathon did not know about ended (marathon killed it on
 * sight).
 */
public record UnknownInstanceTerminatedEvent(String instanceId, String runSpecId, String condition, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "unknown_instance_terminated_event";

    public UnknownInstanceTerminatedEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public UnknownInstanceTerminatedEvent(String instanceId, String runSpecId, String condition, String timestamp) {
        this(instanceId, runSpecId, condition, TYPE, timestamp);
    }
}
