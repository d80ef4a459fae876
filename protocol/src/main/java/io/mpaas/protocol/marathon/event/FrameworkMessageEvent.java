package io.mpaas.protocol.marathon.event;

/** {@code framework_message_event}: an executor sent marathon a framework message; {@code message} is base64. */
public record FrameworkMessageEvent(String slaveId, String executorId, String message, String eventType,
        String timestamp) implements MarathonEvent {

    public static final String TYPE = "framework_message_event";

    public FrameworkMessageEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public FrameworkMessageEvent(String slaveId, String executorId, String message, String timestamp) {
        this(slaveId, executorId, message, TYPE, timestamp);
    }
}
