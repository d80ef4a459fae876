package io.mpaas.protocol.mesos.scheduler;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.TaskStatus;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** An event on a framework's subscription stream: {@code type} plus the one body field named after it. */
public record Event(
        Type type,
        Subscribed subscribed,
        Offers offers,
        JsonNode inverseOffers,
        Rescind rescind,
        JsonNode rescindInverseOffer,
        Update update,
        JsonNode updateOperationStatus,
        Message message,
        Failure failure,
        Error error) {

    public enum Type {
        UNKNOWN,
        SUBSCRIBED,
        OFFERS,
        INVERSE_OFFERS,
        RESCIND,
        RESCIND_INVERSE_OFFER,
        UPDATE,
        UPDATE_OPERATION_STATUS,
        MESSAGE,
        FAILURE,
        ERROR,
        HEARTBEAT
    }

    public record Subscribed(FrameworkId frameworkId, Double heartbeatIntervalSeconds, MasterInfo masterInfo) {
    }

    public record Offers(List<Offer> offers) {
        public Offers {
            offers = offers == null ? List.of() : List.copyOf(offers);
        }
    }

    public record Rescind(OfferId offerId) {
    }

    public record Update(TaskStatus status) {
    }

    public record Message(AgentId agentId, ExecutorId executorId, String data) {
    }

    /** An agent was removed ({@code agent_id} only) or an executor ended ({@code executor_id}, {@code status}). */
    public record Failure(AgentId agentId, ExecutorId executorId, Integer status) {
    }

    public record Error(String message) {
    }

    private static Event of(Type type) {
        return new Event(type, null, null, null, null, null, null, null, null, null, null);
    }

    public static final Event HEARTBEAT = of(Type.HEARTBEAT);

    public static Event subscribed(FrameworkId id, double heartbeatSeconds, MasterInfo master) {
        return new Event(Type.SUBSCRIBED, new Subscribed(id, heartbeatSeconds, master), null, null, null, null, null,
                null, null, null, null);
    }

    public static Event offers(List<Offer> offers) {
        return new Event(Type.OFFERS, null, new Offers(offers), null, null, null, null, null, null, null, null);
    }

    public static Event rescind(OfferId offerId) {
        return new Event(Type.RESCIND, null, null, null, new Rescind(offerId), null, null, null, null, null, null);
    }

    public static Event update(TaskStatus status) {
        return new Event(Type.UPDATE, null, null, null, null, null, new Update(status), null, null, null, null);
    }

    public static Event message(AgentId agent, ExecutorId executor, String data) {
        return new Event(Type.MESSAGE, null, null, null, null, null, null, null, new Message(agent, executor, data),
                null, null);
    }

    public static Event failure(AgentId agent, ExecutorId executor, Integer status) {
        return new Event(Type.FAILURE, null, null, null, null, null, null, null, null,
                new Failure(agent, executor, status), null);
    }

    public static Event error(String message) {
        return new Event(Type.ERROR, null, null, null, null, null, null, null, null, null, new Error(message));
    }
}
