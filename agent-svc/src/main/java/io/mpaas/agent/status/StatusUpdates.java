package io.mpaas.agent.status;

import io.mpaas.agent.Ticker;
import io.mpaas.agent.checkpoint.UpdateLog;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The agent's status update manager: every update is checkpointed to its task's log before it
 * is sent, sent in order with one in flight per task, and resent with backoff until the master
 * acknowledges it; while no master is connected nothing is sent, and on every (re)registration
 * all waiting heads go out at once. Nothing is lost across a master or agent restart.
 *
 * <p>{@link #publish} and {@link #acknowledge} return at once: the log line is forced to disk by
 * the {@link io.mpaas.agent.checkpoint.CheckpointWriter} together with other tasks' lines, and
 * only then does the update join its task's stream (or the acknowledgement release the next
 * update), on the writer's thread, in the order of the log.
 */
@Component
public class StatusUpdates implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StatusUpdates.class);

    private final StatusUpdateProperties properties;
    private final Clock clock;
    private final Map<TaskId, Entry> streams = new ConcurrentHashMap<>();
    private volatile UpdateTransport transport;
    private final Ticker ticker;

    /**
     * @param writing updates handed to the log and not yet on disk (nor in the stream): they count as pending,
     *     so a task is never forgotten while its last update is still being written
     */
    private record Entry(StatusUpdateStream stream, UpdateLog log, AtomicInteger writing) {
    }

    public StatusUpdates(StatusUpdateProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.ticker = new Ticker("status-update-retry", properties.tick(), this::tick);
    }

    /** Connects the manager to the master link (set once, at start). */
    public void attach(UpdateTransport link) {
        this.transport = link;
    }

    /** Takes over a task's log and its unacknowledged updates (a new task, or one recovered after a restart). */
    public void track(FrameworkId framework, TaskId task, UpdateLog updateLog, List<TaskStatus> unacknowledged) {
        streams.put(task, new Entry(new StatusUpdateStream(framework, task, properties.retryMin(),
                properties.retryMax(), unacknowledged), updateLog, new AtomicInteger()));
    }

    /**
     * Checkpoints {@code update} (it must carry a uuid) and, once it is on disk, sends it when it is
     * the task's oldest unacknowledged one. Updates of one task keep the order of the calls.
     *
     * @return completes when the update is on disk and queued for sending
     */
    public CompletableFuture<Void> publish(TaskId task, TaskStatus update) {
        Entry entry = streams.get(task);
        if (entry == null) {
            throw new IllegalStateException("no status update stream for task " + task);
        }
        entry.writing().incrementAndGet();
        return entry.log().appendUpdate(update, () -> {
            entry.stream().append(update);
            entry.writing().decrementAndGet();
            flush(entry.stream());
        });
    }

    /**
     * The master relayed the framework's acknowledgement; once it is on disk, the task's next update,
     * if any, goes out. One that is not for the update in flight changes nothing.
     *
     * @return completes when the acknowledgement was acted on (at once when there was nothing to do)
     */
    public CompletableFuture<Void> acknowledge(TaskId task, String uuid) {
        Entry entry = streams.get(task);
        if (entry == null) {
            log.debug("Acknowledgement {} for the unknown task {}", uuid, task);
            return CompletableFuture.completedFuture(null);
        }
        TaskStatus head = entry.stream().head();
        if (head == null || uuid == null || !head.uuid().equals(uuid)) {
            log.debug("Ignoring acknowledgement {} of task {}: not the update in flight", uuid, task);
            return CompletableFuture.completedFuture(null);
        }
        return entry.log().appendAck(uuid, () -> {
            if (entry.stream().acknowledge(uuid)) {
                flush(entry.stream());
            }
        });
    }

    /** Updates not yet acknowledged for {@code task}, counting those still being written. */
    public int pending(TaskId task) {
        Entry entry = streams.get(task);
        return entry == null ? 0 : entry.stream().size() + entry.writing().get();
    }

    /** The oldest unacknowledged update of {@code task}, if any. */
    public Optional<TaskStatus> head(TaskId task) {
        Entry entry = streams.get(task);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.stream().head());
    }

    /** Forgets a task whose updates are all acknowledged (garbage collection). */
    public void forget(TaskId task) {
        streams.remove(task);
    }

    /** The link (re)registered: everything waiting is sent now. */
    public void connected() {
        for (Entry entry : streams.values()) {
            entry.stream().resendNow();
            flush(entry.stream());
        }
    }

    /** Sends whatever is due; called by the ticker, and directly by tests with a moved clock. */
    void tick() {
        for (Entry entry : streams.values()) {
            flush(entry.stream());
        }
    }

    private void flush(StatusUpdateStream stream) {
        UpdateTransport link = transport;
        if (link == null || !link.isConnected()) {
            return;
        }
        stream.due(clock.instant()).ifPresent(update -> link.send(stream.frameworkId(), update));
    }

    @Override
    public void start() {
        ticker.start();
    }

    @Override
    public void stop() {
        ticker.stop();
    }

    @Override
    public boolean isRunning() {
        return ticker.isRunning();
    }
}
