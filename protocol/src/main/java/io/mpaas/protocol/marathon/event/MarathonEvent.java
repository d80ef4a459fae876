package io.mpaas.protocol.marathon.event;

import io.mpaas.protocol.marathon.MarathonJson;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/**
 * An event of Marathon's event bus, as {@code /v2/events} (SSE) and HTTP callbacks carry it: one record per
 * {@code eventType}, with Marathon's field names. {@code eventType} and {@code timestamp} are record components,
 * so they are written with every payload (last, as Marathon writes them); each record fills in its own type when
 * made without one and refuses another. Write with {@link MarathonJson#write}; read with {@link #read}, given the
 * type from the SSE {@code event:} line or the payload's own {@code eventType}.
 */
public sealed interface MarathonEvent permits ApiPostEvent, PodCreatedEvent, PodUpdatedEvent, PodDeletedEvent,
        StatusUpdateEvent, InstanceChangedEvent, InstanceHealthChangedEvent, UnknownInstanceTerminatedEvent,
        AppTerminatedEvent, FrameworkMessageEvent, AddHealthCheckEvent, RemoveHealthCheckEvent,
        FailedHealthCheckEvent, HealthStatusChangedEvent, UnhealthyInstanceKillEvent, GroupChangeSuccess,
        GroupChangeFailed, DeploymentSuccess, DeploymentFailed, DeploymentInfo, DeploymentStepSuccess,
        DeploymentStepFailure, SchedulerRegisteredEvent, SchedulerReregisteredEvent, SchedulerDisconnectedEvent,
        SubscribeEvent, UnsubscribeEvent, EventStreamAttached, EventStreamDetached {

    /** Marathon's name of the event, e.g. {@code status_update_event}. */
    String eventType();

    /** When the event happened, Marathon's ISO-8601 UTC with milliseconds. */
    String timestamp();

    /** The record of {@code eventType}; empty for a type Marathon does not have (or this version does not know). */
    static Optional<Class<? extends MarathonEvent>> recordOf(String eventType) {
        return Optional.ofNullable(switch (Objects.requireNonNull(eventType, "eventType")) {
            case ApiPostEvent.TYPE -> ApiPostEvent.class;
            case PodCreatedEvent.TYPE -> PodCreatedEvent.class;
            case PodUpdatedEvent.TYPE -> PodUpdatedEvent.class;
            case PodDeletedEvent.TYPE -> PodDeletedEvent.class;
            case StatusUpdateEvent.TYPE -> StatusUpdateEvent.class;
            case InstanceChangedEvent.TYPE -> InstanceChangedEvent.class;
            case InstanceHealthChangedEvent.TYPE -> InstanceHealthChangedEvent.class;
            case UnknownInstanceTerminatedEvent.TYPE -> UnknownInstanceTerminatedEvent.class;
            case AppTerminatedEvent.TYPE -> AppTerminatedEvent.class;
            case FrameworkMessageEvent.TYPE -> FrameworkMessageEvent.class;
            case AddHealthCheckEvent.TYPE -> AddHealthCheckEvent.class;
            case RemoveHealthCheckEvent.TYPE -> RemoveHealthCheckEvent.class;
            case FailedHealthCheckEvent.TYPE -> FailedHealthCheckEvent.class;
            case HealthStatusChangedEvent.TYPE -> HealthStatusChangedEvent.class;
            case UnhealthyInstanceKillEvent.TYPE -> UnhealthyInstanceKillEvent.class;
            case GroupChangeSuccess.TYPE -> GroupChangeSuccess.class;
            case GroupChangeFailed.TYPE -> GroupChangeFailed.class;
            case DeploymentSuccess.TYPE -> DeploymentSuccess.class;
            case DeploymentFailed.TYPE -> DeploymentFailed.class;
            case DeploymentInfo.TYPE -> DeploymentInfo.class;
            case DeploymentStepSuccess.TYPE -> DeploymentStepSuccess.class;
            case DeploymentStepFailure.TYPE -> DeploymentStepFailure.class;
            case SchedulerRegisteredEvent.TYPE -> SchedulerRegisteredEvent.class;
            case SchedulerReregisteredEvent.TYPE -> SchedulerReregisteredEvent.class;
            case SchedulerDisconnectedEvent.TYPE -> SchedulerDisconnectedEvent.class;
            case SubscribeEvent.TYPE -> SubscribeEvent.class;
            case UnsubscribeEvent.TYPE -> UnsubscribeEvent.class;
            case EventStreamAttached.TYPE -> EventStreamAttached.class;
            case EventStreamDetached.TYPE -> EventStreamDetached.class;
            default -> null;
        });
    }

    /**
     * Reads the payload of an event of type {@code eventType} (an SSE {@code event:} name) into its record.
     *
     * @throws IllegalArgumentException when the type is unknown, the JSON is malformed or of the wrong shape, or
     *     the payload names another type than {@code eventType}
     */
    static MarathonEvent read(String eventType, String json) {
        Class<? extends MarathonEvent> type = recordOf(eventType)
                .orElseThrow(() -> new IllegalArgumentException("Unknown Marathon event type '" + eventType + "'"));
        return MarathonJson.read(json, type);
    }

    /**
     * Reads a payload by its own {@code eventType} field (an HTTP callback body).
     *
     * @throws IllegalArgumentException as {@link #read(String, String)}, or when the payload has no eventType
     */
    static MarathonEvent read(String json) {
        String eventType;
        try {
            eventType = MarathonJson.mapper().readTree(json).path("eventType").asString(null);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
        if (eventType == null) {
            throw new IllegalArgumentException("The event has no eventType");
        }
        return read(eventType, json);
    }

    /**
     * The type a record's constructor keeps: its own when none was given (a record made in code), and refuses
     * another (a payload read as the wrong record).
     */
    static String requireType(String own, String given) {
        if (given != null && !given.equals(own)) {
            throw new IllegalArgumentException("eventType '" + given + "' is not " + own);
        }
        return own;
    }

    /** Every event has a timestamp: a reader orders and dedupes by it. */
    static void requireTimestamp(String timestamp) {
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
