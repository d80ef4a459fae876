package io.mpaas.marathon.fake;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.launch.QueueView;
import java.util.ArrayList;
import java.util.List;

/** Queue entries a test sets; resetting a delay removes it and is remembered. */
public final class FakeQueue implements QueueView {

    private final List<QueueEntry> entries = new ArrayList<>();
    public final List<PathId> resets = new ArrayList<>();

    public synchronized void add(QueueEntry entry) {
        entries.add(entry);
    }

    @Override
    public synchronized List<QueueEntry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public synchronized boolean resetDelay(PathId appId) {
        boolean queued = entries.stream().anyMatch(e -> PathId.of(e.app().id()).equals(appId));
        if (queued) {
            resets.add(appId);
        }
        return queued;
    }
}
