package io.mpaas.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A leadership listener that records what happened to it and checks the elector's promises: callbacks never
 * overlap, alternate starting with onElected, and run on the elector's thread rather than Curator's.
 */
final class RecordingListener implements LeadershipListener {

    enum Event { ELECTED, REVOKED }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger mostInside = new AtomicInteger();
    private final AtomicInteger electionsToFail;

    RecordingListener() {
        this(0);
    }

    /** Throws from the first {@code electionsToFail} calls of {@link #onElected()}. */
    RecordingListener(int electionsToFail) {
        this.electionsToFail = new AtomicInteger(electionsToFail);
    }

    @Override
    public void onElected() {
        record(Event.ELECTED);
        if (electionsToFail.getAndDecrement() > 0) {
            throw new IllegalStateException("listener failed to start its leader loops");
        }
    }

    @Override
    public void onRevoked() {
        record(Event.REVOKED);
    }

    private void record(Event event) {
        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
        threads.add(Thread.currentThread().getName());
        events.add(event);
        inside.decrementAndGet();
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    long count(Event event) {
        return events.stream().filter(event::equals).count();
    }

    boolean leading() {
        return !events.isEmpty() && events.getLast() == Event.ELECTED;
    }

    void assertWellBehaved() {
        assertThat(mostInside.get()).as("callbacks never overlap").isLessThanOrEqualTo(1);
        assertThat(threads).as("callbacks run on the elector's thread").allMatch(t -> t.startsWith("leader-elector-"));
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i)).as("event %d of %s", i, events)
                    .isEqualTo(i % 2 == 0 ? Event.ELECTED : Event.REVOKED);
        }
    }
}
