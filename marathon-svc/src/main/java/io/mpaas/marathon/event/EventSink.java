package io.mpaas.marathon.event;

/**
 * A consumer of the bus's events: one {@code /v2/events} client, the HTTP callback dispatcher. The bus encodes an
 * event once and hands every sink the same JSON. {@link #offer} runs on the publisher's thread (often the
 * scheduler's), so it only queues: it returns at once and never throws; delivery happens on the sink's own thread.
 */
public interface EventSink {

    /**
     * Queues one event.
     *
     * @param eventType the event's {@code eventType} (the SSE {@code event:} name)
     * @param json      the payload, one line of JSON
     */
    void offer(String eventType, String json);

    /**
     * Whether an event offered now would go anywhere. The bus neither builds nor encodes an event that
     * no sink listens for: the scheduler reports several per launched task, and with no subscriber
     * encoding them was a tenth of its loop's time in the launch benchmark.
     */
    default boolean isListening() {
        return true;
    }
}
