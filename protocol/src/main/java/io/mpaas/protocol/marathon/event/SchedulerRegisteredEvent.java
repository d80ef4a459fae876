package io.mpaas.protocol.marathon.event;

/** {@code scheduler_registered_event}: Marathon registered with the Mesos master {@code master} ({@code host:port}). */
public record SchedulerRegisteredEvent(String frameworkId, String master, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "scheduler_registered_event";

    public SchedulerRegisteredEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public SchedulerRegisteredEvent(String frameworkId, String master, String timestamp) {
        this(frameworkId, master, TYPE, timestamp);
    }
}
