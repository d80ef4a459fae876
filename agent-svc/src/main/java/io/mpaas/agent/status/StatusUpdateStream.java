package io.mpaas.agent.status;

import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * One task's reliable status updates, as Mesos's status update manager keeps them: in order,
 * only the oldest unacknowledged one in flight, resent with a backoff that starts at
 * {@code minRetry} and doubles up to {@code maxRetry} until the master acknowledges it. Pure
 * bookkeeping: the caller supplies the time and does the sending. Thread-safe.
 */
final class StatusUpdateStream {

    private final FrameworkId frameworkId;
    private final TaskId taskId;
    private final Duration minRetry;
    private final Duration maxRetry;
    private final Deque<TaskStatus> pending = new ArrayDeque<>();
    /** When the head is due to be (re)sent; null: send as soon as possible. */
    private Instant nextAttempt;
    private Duration backoff;

    StatusUpdateStream(FrameworkId frameworkId, TaskId taskId, Duration minRetry, Duration maxRetry,
            List<TaskStatus> unacknowledged) {
        this.frameworkId = frameworkId;
        this.taskId = taskId;
        this.minRetry = minRetry;
        this.maxRetry = maxRetry;
        this.backoff = minRetry;
        pending.addAll(unacknowledged);
    }

    FrameworkId frameworkId() {
        return frameworkId;
    }

    TaskId taskId() {
        return taskId;
    }

    synchronized void append(TaskStatus update) {
        pending.addLast(update);
    }

    synchronized TaskStatus head() {
        return pending.peekFirst();
    }

    synchronized int size() {
        return pending.size();
    }

    /**
     * The master acknowledged {@code uuid}. True when it was the head (a stale or duplicate
     * acknowledgement changes nothing); the next update, if any, is then due at once.
     */
    synchronized boolean acknowledge(String uuid) {
        TaskStatus head = pending.peekFirst();
        if (head == null || uuid == null || !uuid.equals(head.uuid())) {
            return false;
        }
        pending.removeFirst();
        nextAttempt = null;
        backoff = minRetry;
        return true;
    }

    /**
     * The head when it is due at {@code now}, marking it sent: the next attempt comes one
     * backoff later, and the backoff doubles (capped).
     */
    synchronized Optional<TaskStatus> due(Instant now) {
        TaskStatus head = pending.peekFirst();
        if (head == null || (nextAttempt != null && now.isBefore(nextAttempt))) {
            return Optional.empty();
        }
        nextAttempt = now.plus(backoff);
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(maxRetry) > 0 ? maxRetry : doubled;
        return Optional.of(head);
    }

    /** A new link to the master: resend the head at once and start the backoff over. */
    synchronized void resendNow() {
        nextAttempt = null;
        backoff = minRetry;
    }
}
