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
}
