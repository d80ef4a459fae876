package io.mpaas.protocol.marathon.event;

/** {@code scheduler_reregistered_event}: Marathon re-registered with the Mesos master {@code master}. */
public record SchedulerReregisteredEvent(String master, String eventType, String timestamp) implements MarathonEvent {

    public static final String TYPE = "scheduler_reregistered_event";

    public SchedulerReregisteredEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public SchedulerReregisteredEvent(String master, String timestamp) {
        this(master, TYPE, timestamp);
    }
}
