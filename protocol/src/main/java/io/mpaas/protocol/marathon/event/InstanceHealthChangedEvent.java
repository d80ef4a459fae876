package io.mpaas.protocol.marathon.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code instance_health_changed_event}: the overall health of an instance changed. {@code healthy} is written
 * even when unknown, as {@code null}, the way Marathon writes it; readers tell "unknown" from "absent field" by it.
 */
public record InstanceHealthChangedEvent(String instanceId, String runSpecId, String runSpecVersion,
        @JsonInclude(JsonInclude.Include.ALWAYS) Boolean healthy, String eventType, String timestamp)
        implements MarathonEvent {

    public static final String TYPE = "instance_health_changed_event";

    public InstanceHealthChangedEvent {
        eventType = MarathonEvent.requireType(TYPE, eventType);
        MarathonEvent.requireTimestamp(timestamp);
    }

    public InstanceHealthChangedEvent(String instanceId, String runSpecId, String runSpecVersion, Boolean healthy,
            String timestamp) {
        this(instanceId, runSpecId, runSpecVersion, healthy, TYPE, timestamp);
    }
}
