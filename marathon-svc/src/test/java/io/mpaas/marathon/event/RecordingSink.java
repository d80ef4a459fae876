package io.mpaas.marathon.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event the bus hands it, for assertions. */
final class RecordingSink implements EventSink {

    record Received(String eventType, String json) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();

    @Override
    public void offer(String eventType, String json) {
        received.add(new Received(eventType, json));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<String> jsonOf(String eventType) {
        return received.stream().filter(r -> r.eventType().equals(eventType)).map(Received::json).toList();
    }

    List<String> types() {
        return received.stream().map(Received::eventType).toList();
    }

    void clear() {
        received.clear();
    }
}
