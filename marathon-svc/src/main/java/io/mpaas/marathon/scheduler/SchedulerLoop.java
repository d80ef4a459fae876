package io.mpaas.marathon.scheduler;

import io.mpaas.marathon.MarathonFailure;
import io.mpaas.marathon.instance.InstanceRepository;
import io.mpaas.marathon.launch.LaunchDelays;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that changes the scheduler's state. Everything that mutates instances, the
 * launch queue or deployments (offers, status updates, API changes, timer ticks) is a job on this
 * loop, so no two changes ever interleave and no locks are needed. Jobs that arrive together are
 * run as one batch with one {@link UnitOfWork}: its writes are stored (the instances, and the launch
 * delays the batch changed), then its actions run. At 2,000 launches per second this keeps the
 * database at a few transactions a second instead of thousands.
 */
public final class SchedulerLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchedulerLoop.class);

    /** Upper bound of jobs per batch: keeps a transaction and the delay of its actions small. */
    private static final int MAX_BATCH = 512;

    /** How long an API call waits for the loop; Marathon's REST timeout (--zk_timeout) is 10 s. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final InstanceRepository repository;
    private final LaunchDelays delays;
    private final List<Consumer<UnitOfWork>> afterBatch = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final BlockingQueue<Consumer<UnitOfWork>> jobs = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    public SchedulerLoop(InstanceRepository repository, LaunchDelays delays) {
        this.repository = repository;
        this.delays = delays;
        this.thread = Thread.ofPlatform().name("marathon-scheduler").daemon(true).unstarted(this::run);
    }

    /**
     * Adds work that runs at the end of every batch, inside it (deployment progress and scale checks
     * react to everything the batch changed), in the order added. Add before {@link #start()}.
     */
    public void afterEachBatch(Consumer<UnitOfWork> hook) {
        afterBatch.add(hook);
    }

    public void start() {
        thread.start();
    }

    /** Queues a job; it runs on the loop thread, in order. */
    public void submit(Consumer<UnitOfWork> job) {
        if (running) {
            jobs.add(job);
        }
    }

    /**
     * Runs {@code job} on the loop and waits for its result, after its writes are stored. A
     * {@link MarathonFailure} thrown by the job is rethrown here unchanged.
     */
    public <T> T call(Function<UnitOfWork, T> job) {
        CompletableFuture<T> result = new CompletableFuture<>();
        submit(work -> {
            try {
                T value = job.apply(work);
                work.afterCommit(() -> result.complete(value));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw MarathonFailure.of(MarathonFailure.Kind.UNAVAILABLE, "The scheduler did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MarathonFailure.of(MarathonFailure.Kind.UNAVAILABLE, "Interrupted");
        }
    }

    private void run() {
        List<Consumer<UnitOfWork>> batch = new ArrayList<>();
        while (running) {
            try {
                Consumer<UnitOfWork> first = jobs.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                jobs.drainTo(batch, MAX_BATCH - 1);
                runBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void runBatch(List<Consumer<UnitOfWork>> batch) {
        UnitOfWork work = new UnitOfWork();
        for (Consumer<UnitOfWork> job : batch) {
            runSafely(() -> job.accept(work));
        }
        for (Consumer<UnitOfWork> hook : afterBatch) {
            runSafely(() -> hook.accept(work));
        }
        try {
            if (!work.deletes().isEmpty()) {
                repository.deleteAll(work.deletes());
            }
            if (!work.saves().isEmpty()) {
                repository.saveAll(work.saves());
            }
            // Before the batch's launches go out: a new leader must not launch what this one held back.
            delays.store();
        } catch (RuntimeException e) {
            // Nothing of this batch is acted on: no launch, kill or acknowledgement goes out, so
            // the master and agents resend what matters and the state is rebuilt on the next leader.
            log.error("Could not store {} instance changes or the launch delays; the batch's actions are dropped",
                    work.saves().size() + work.deletes().size(), e);
            return;
        }
        for (Runnable action : work.actions()) {
            runSafely(action);
        }
    }

    private static void runSafely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.error("Scheduler job failed", e);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
