package io.mpaas.protocol.marathon.event;

/** {@code scheduler_disconnected_event}: Marathon lost its connection to the Mesos master. */
public record SchedulerDisconnectedEvent(String eventType, String timestamp) implements MarathonEvent {

    public static final String TYPE = "scheduler_disconnected_event";

    public SchedulerDisconnectedEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public SchedulerDisconnectedEvent(String timestamp) {
        this(TYPE, timestamp);
    }
}
