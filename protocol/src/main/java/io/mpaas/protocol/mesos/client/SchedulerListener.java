package io.mpaas.protocol.mesos.client;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.scheduler.Event;
import java.util.List;

/**
 * What a framework hears from the master through a {@link SchedulerClient}.
 *
 * <p>Every callback runs on one delivery thread, one at a time, in the order the events arrived
 * on the wire; a subscription's {@link #onDisconnected} comes after all its events. A slow
 * callback delays the next ones but not the reading of the stream (heartbeats keep being seen).
 * A callback that throws is logged and the next event is delivered. After
 * {@link SchedulerClient#close()} returns, no callback runs (except the one calling close).
 *
 * <p>Calls made from inside a callback are fine: the client is already subscribed when
 * {@link #onSubscribed} runs.
 */
public interface SchedulerListener {

    /**
     * The master accepted the subscription.
     *
     * @param master    who answered, as SUBSCRIBED told; {@code null} if the master left it out
     * @param reconnect whether the SUBSCRIBE carried a framework id, i.e. an existing framework
     *                  re-registered (after a disconnection, or a scheduler failover with a stored
     *                  id). Offers from before are void and task states may have moved: reconcile.
     *                  {@code false} means a new framework: store {@code frameworkId}.
     */
    void onSubscribed(FrameworkId frameworkId, MasterInfo master, boolean reconnect);

    /** New offers; each can be accepted or declined once. */
    void onOffers(List<Offer> offers);

    /** An offer is no longer valid. */
    void onRescind(OfferId offerId);

    /**
     * A task status. If it carries a {@code uuid}, acknowledge it with
     * {@link SchedulerClient#acknowledge(TaskStatus)} once it is handled (persisted); until then the
     * agent keeps resending it and holds back later updates of that task.
     */
    void onUpdate(TaskStatus status);

    /** A subscription ended; the client re-subscribes by itself after {@link Disconnection#retryIn()}. */
    void onDisconnected(Disconnection disconnection);

    /** A message from an executor ({@code data} already decoded from base64). Delivery is not reliable. */
    default void onMessage(AgentId agentId, ExecutorId executorId, byte[] data) {
    }

    /** An agent was removed ({@code agent_id} only) or an executor ended ({@code executor_id}, exit {@code status}). */
    default void onFailure(Event.Failure failure) {
    }

    /**
     * The master sent ERROR: it will not serve this subscription (framework removed, not
     * authorized, another scheduler instance took over). The client closes the stream and
     * re-subscribes; {@link #onDisconnected} or {@link #onSubscriptionFailed} follows. A removed
     * framework stays removed: re-subscribing with its id keeps failing (with growing backoff) until
     * the framework closes this client and, if it wants to, starts a new one without the old id.
     */
    default void onError(String message) {
    }

    /** A heartbeat arrived. The client watches heartbeats itself; this is for metrics. */
    default void onHeartbeat() {
    }

    /** A subscription attempt failed; the client retries by itself after {@link SubscriptionFailure#retryIn()}. */
    default void onSubscriptionFailed(SubscriptionFailure failure) {
    }

    /** Events this interface has no callback for: inverse offers, operation status updates, unknown types. */
    default void onOtherEvent(Event event) {
    }
}
