package io.mpaas.protocol.mesos.client;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.Filters;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskStatus;
import io.mpaas.protocol.mesos.scheduler.Call;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A framework's connection to the Mesos master over the v1 scheduler HTTP API
 * ({@code POST /api/v1/scheduler}), as Marathon and Chronos use it.
 *
 * <p><b>Subscription.</b> {@link #start} returns at once; a subscription thread then finds a master
 * through the {@link MasterLocator}, follows 307s to the leader, reads the RecordIO event stream and
 * hands events to the {@link SchedulerListener}. When the stream ends, breaks, goes silent for
 * {@code missedHeartbeats} heartbeat intervals, or carries ERROR, the client re-subscribes by itself
 * with exponential backoff and jitter, naming the framework id it was given, until {@link #close}.
 *
 * <p><b>Calls.</b> Each call is posted to the master of the current subscription with its
 * {@code Mesos-Stream-Id} and returns a future that completes when the master answers 202 (queued;
 * results arrive as events). It fails with a {@link SchedulerCallException}: at once with
 * {@code NOT_SUBSCRIBED} when there is no subscription (nothing is sent), {@code REJECTED} with the
 * status and body for any other answer, {@code UNREACHABLE} without one, {@code CLOSED} after close.
 * Programming errors (a null required argument) throw at once. Futures complete on threads of
 * the client's factory (virtual threads by default), so chained stages may block; after close,
 * on whichever thread finishes the call.
 *
 * <p><b>Threads</b>, all from the injected factory: the subscription thread, one reader per open
 * stream, one listener delivery thread, and HTTP completion threads. {@link #close} ends them all.
 * A client runs once: after close, make a new one (e.g. on the next leadership term). Its HTTP
 * client exists from construction, so close a client even if it was never started.
 */
public final class SchedulerClient implements AutoCloseable {

    /**
     * How long {@link #close()} waits for the subscription thread and the HTTP client to finish.
     * Everything they wait on is aborted first, so this is a safety bound, not an expected delay.
     */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private enum State { NEW, STARTED, CLOSED }

    private final MasterLocator locator;
    private final SchedulerClientSettings settings;
    private final Clock clock;
    private final ThreadFactory threads;
    private final ExecutorService httpExecutor;
    private final HttpClient http;
    private final EventDispatcher dispatcher;
    private final CallSender calls;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile SubscriptionLoop loop;
    private volatile Thread subscriptionThread;

    /**
     * @param clock   reads deadlines (the heartbeat watchdog); a test passes a clock it moves
     * @param threads makes every thread of the client; virtual threads suit it (all of them block)
     */
    public SchedulerClient(MasterLocator locator, SchedulerListener listener, SchedulerClientSettings settings,
            Clock clock, ThreadFactory threads) {
        this.locator = Objects.requireNonNull(locator, "locator");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.httpExecutor = Executors.newThreadPerTaskExecutor(threads);
        // HTTP/1.1 as libprocess speaks it (no h2c upgrade); redirects are ours to follow, to switch masters.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .executor(httpExecutor)
                .build();
        this.dispatcher = new EventDispatcher(Objects.requireNonNull(listener, "listener"), threads);
        this.calls = new CallSender(http, settings, httpExecutor);
    }

    /** A client on the system clock and virtual threads named {@code mesos-scheduler-<n>}. */
    public static SchedulerClient create(MasterLocator locator, SchedulerListener listener,
            SchedulerClientSettings settings) {
        return new SchedulerClient(locator, listener, settings, Clock.systemUTC(),
                Thread.ofVirtual().name("mesos-scheduler-", 0).factory());
    }

    /**
     * Starts subscribing as {@code frameworkInfo} and returns at once; {@link SchedulerListener#onSubscribed}
     * tells when it worked. Give {@code frameworkInfo} the stored id to take over an existing framework.
     *
     * @throws IllegalStateException if the client was started or closed before
     */
    public void start(FrameworkInfo frameworkInfo) {
        Objects.requireNonNull(frameworkInfo, "frameworkInfo");
        if (!state.compareAndSet(State.NEW, State.STARTED)) {
            throw new IllegalStateException("a scheduler client starts once; it is " + state.get());
        }
        SubscriptionLoop started = new SubscriptionLoop(frameworkInfo, locator, new MasterConnector(http, settings),
                dispatcher, threads, clock, settings);
        loop = started;
        Thread thread = threads.newThread(started);
        subscriptionThread = thread;
        thread.start();
    }

    /** The open subscription, if any. */
    public Optional<Subscription> subscription() {
        SubscriptionLoop current = loop;
        return current == null ? Optional.empty() : current.subscription();
    }

    public boolean isSubscribed() {
        return subscription().isPresent();
    }

    /** The framework id: given to {@link #start} or assigned by the first SUBSCRIBED; kept across reconnections. */
    public Optional<FrameworkId> frameworkId() {
        SubscriptionLoop current = loop;
        return current == null ? Optional.empty() : current.frameworkId();
    }

    /** Launches (or otherwise uses) offers; unused resources are declined with {@code filters} (null: 5 s). */
    public CompletableFuture<Void> accept(List<OfferId> offerIds, List<Offer.Operation> operations, Filters filters) {
        List<OfferId> offers = List.copyOf(offerIds);
        List<Offer.Operation> ops = List.copyOf(operations);
        return call(Call.Type.ACCEPT, fid -> Call.accept(fid, offers, ops, filters));
    }

    /** Declines offers; {@code filters} (null: Mesos's 5 s) says how long to keep those resources away. */
    public CompletableFuture<Void> decline(List<OfferId> offerIds, Filters filters) {
        List<OfferId> offers = List.copyOf(offerIds);
        return call(Call.Type.DECLINE, fid -> Call.decline(fid, offers, filters));
    }

    /** Asks for offers again for {@code roles} (empty: all) and clears their refusal filters. */
    public CompletableFuture<Void> revive(List<String> roles) {
        List<String> copy = List.copyOf(roles);
        return call(Call.Type.REVIVE, fid -> Call.revive(fid, copy));
    }

    /** Stops offers for {@code roles} (empty: all) until a revive. */
    public CompletableFuture<Void> suppress(List<String> roles) {
        List<String> copy = List.copyOf(roles);
        return call(Call.Type.SUPPRESS, fid -> Call.suppress(fid, copy));
    }

    /** Kills a task; {@code agentId} may be null when unknown (the master then reconciles that task). */
    public CompletableFuture<Void> kill(TaskId taskId, AgentId agentId) {
        Objects.requireNonNull(taskId, "taskId");
        return call(Call.Type.KILL, fid -> Call.kill(fid, taskId, agentId));
    }

    /** Shuts down a custom executor and, with it, its tasks. */
    public CompletableFuture<Void> shutdown(ExecutorId executorId, AgentId agentId) {
        Objects.requireNonNull(executorId, "executorId");
        Objects.requireNonNull(agentId, "agentId");
        return call(Call.Type.SHUTDOWN, fid -> Call.shutdown(fid, executorId, agentId));
    }

    /**
     * Acknowledges a status update, echoing its {@code uuid} exactly as received. A status without
     * a uuid (reconciliation answers, statuses made up by the master) must not be acknowledged:
     * for those this is a no-op that completes at once and sends nothing.
     *
     * @throws IllegalArgumentException if the status has a uuid but no task or agent id
     */
    public CompletableFuture<Void> acknowledge(TaskStatus status) {
        if (status.uuid() == null || status.uuid().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (status.agentId() == null || status.taskId() == null) {
            throw new IllegalArgumentException("an acknowledgeable status has a task id and an agent id");
        }
        return acknowledge(status.agentId(), status.taskId(), status.uuid());
    }

    /**
     * Acknowledges the update with {@code uuid} (base64, exactly as it arrived in {@code status.uuid}).
     *
     * @throws IllegalArgumentException if {@code uuid} is null or empty: there is nothing to acknowledge
     */
    public CompletableFuture<Void> acknowledge(AgentId agentId, TaskId taskId, String uuid) {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(taskId, "taskId");
        if (uuid == null || uuid.isEmpty()) {
            throw new IllegalArgumentException("a status without uuid is never acknowledged");
        }
        return call(Call.Type.ACKNOWLEDGE, fid -> Call.acknowledge(fid, agentId, taskId, uuid));
    }

    /** Asks for the state of {@code tasks}; an empty list asks for every task the master knows (implicit). */
    public CompletableFuture<Void> reconcile(List<Call.Reconcile.ReconcileTask> tasks) {
        List<Call.Reconcile.ReconcileTask> copy = List.copyOf(tasks);
        return call(Call.Type.RECONCILE, fid -> Call.reconcile(fid, copy));
    }

    /** Sends {@code data} to an executor (base64 on the wire). Delivery is not reliable. */
    public CompletableFuture<Void> message(AgentId agentId, ExecutorId executorId, byte[] data) {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(executorId, "executorId");
        String encoded = Base64.getEncoder().encodeToString(data);
        return call(Call.Type.MESSAGE, fid -> Call.message(fid, agentId, executorId, encoded));
    }

    /** Asks the allocator for resources; Mesos's default allocator ignores it. */
    public CompletableFuture<Void> request(List<Call.Request.ResourceRequest> requests) {
        List<Call.Request.ResourceRequest> copy = List.copyOf(requests);
        return call(Call.Type.REQUEST, fid -> Call.request(fid, copy));
    }

    /**
     * Removes the framework from the master (its tasks and executors are killed), then closes the
     * client, whatever the answer. The future completes after the close, with the call's outcome;
     * if it failed, the framework still exists and is removed after its {@code failover_timeout}.
     */
    public CompletableFuture<Void> teardown() {
        SubscriptionLoop current = loop;
        if (current != null) {
            // The master closes our stream on TEARDOWN: that must not look like a reason to re-subscribe.
            current.finishWithCurrentStream();
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        call(Call.Type.TEARDOWN, Call::teardown).whenComplete((ignored, error) ->
                // Not on an HTTP thread: close() shuts the HTTP client down and waits for it.
                threads.newThread(() -> {
                    close();
                    if (error == null) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(error);
                    }
                }).start());
        return done;
    }

    private CompletableFuture<Void> call(Call.Type type, Function<FrameworkId, Call> build) {
        if (state.get() == State.CLOSED) {
            return CallSender.failure(SchedulerCallException.Code.CLOSED, type, 0, "", null);
        }
        Optional<Subscription> current = subscription();
        if (current.isEmpty()) {
            return CallSender.failure(SchedulerCallException.Code.NOT_SUBSCRIBED, type, 0, "", null);
        }
        return calls.send(current.get(), build.apply(current.get().frameworkId()));
    }

    /**
     * Stops everything: the stream is closed (the master starts the framework's failover timeout),
     * pending events are dropped, calls in flight fail with {@code CLOSED}, and every thread of the
     * client ends. No listener callback starts after this returns. Idempotent; safe from a callback.
     */
    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) == State.CLOSED) {
            return;
        }
        calls.close();
        SubscriptionLoop current = loop;
        if (current != null) {
            current.stop();
        }
        // Abort HTTP first: a callback blocked on a call's future is released before we wait for it.
        http.shutdownNow();
        dispatcher.close();
        Thread thread = subscriptionThread;
        try {
            if (thread != null && thread != Thread.currentThread() && !thread.join(CLOSE_GRACE)) {
                thread.interrupt();
                thread.join(CLOSE_GRACE);
            }
            http.awaitTermination(CLOSE_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // shutdown, not shutdownNow: a call's completion may be the thread running this close().
            httpExecutor.shutdown();
        }
    }
}
