package io.mpaas.marathon.health;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.group.RootGroup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader-only loop of marathon-run health checks: {@link #start} on election, {@link #stop} on
 * revocation. Every {@code tickResolution} it asks the {@link CheckSchedule} which checks are due
 * and hands each app's due checks to the {@link HealthChecker} on a virtual thread.
 *
 * <p>Deciding and ticking are apart: {@link #tick} takes the time as an argument, so tests drive the
 * schedule with a mutable clock, and the {@link Ticker} only calls it. An app's next round starts
 * only after its last one finished, so results of one instance are never stepped twice at once;
 * if probes fall behind, the lag shows in {@link #behindSchedule()} instead of piling up rounds.
 */
public final class MarathonHealthChecks {

    private static final Logger log = LoggerFactory.getLogger(MarathonHealthChecks.class);

    private final Supplier<RootGroup> root;
    private final HealthChecker checker;
    private final CheckSchedule schedule;
    private final Ticker ticker;

    private ExecutorService threads;
    private Set<PathId> busy;
    private volatile long term;
    private volatile Duration behind = Duration.ZERO;
    private final LongAdder skippedRuns = new LongAdder();

    public MarathonHealthChecks(Supplier<RootGroup> root, HealthChecker checker, Clock clock,
            HealthProperties properties) {
        this.root = root;
        this.checker = checker;
        this.schedule = new CheckSchedule(properties.firstCheckDelay());
        this.ticker = new Ticker("marathon-health-checks", properties.tickResolution(), () -> tick(clock.instant()));
    }

    /** Starts checking (this marathon was elected). Checks first run {@code min(interval, 5 s)} from now. */
    public synchronized void start() {
        if (threads != null) {
            return;
        }
        term++;
        threads = Executors.newVirtualThreadPerTaskExecutor();
        busy = ConcurrentHashMap.newKeySet();
        ticker.start();
        log.info("Marathon-run health checks started");
    }

    /**
     * Stops checking at once (leadership was revoked): running probes are interrupted and nothing
     * more is recorded or killed. The results stay persisted on the instances for the next leader.
     */
    public synchronized void stop() {
        if (threads == null) {
            return;
        }
        term++;
        ticker.stop();
        threads.shutdownNow();
        threads = null;
        busy = null;
        schedule.clear();
        checker.clear();
        behind = Duration.ZERO;
        log.info("Marathon-run health checks stopped");
    }

    public synchronized boolean isRunning() {
        return threads != null;
    }

    /**
     * Starts the rounds due at {@code now} and returns without waiting for them. Does nothing while
     * stopped.
     *
     * @return how many app rounds were started
     */
    public synchronized int tick(Instant now) {
        if (threads == null) {
            return 0;
        }
        RootGroup current = root.get();
        Set<PathId> running = busy;
        CheckSchedule.Decision decision = schedule.due(current.apps(), now, running::contains);
        checker.retainApps(current.apps().keySet());
        checker.announce(current.apps());
        behind = decision.behind();
        skippedRuns.add(decision.skippedRuns());
        long myTerm = term;
        ExecutorService pool = threads;
        for (CheckSchedule.Round round : decision.rounds()) {
            running.add(round.appId());
            pool.execute(() -> {
                try {
                    checker.run(round.app(), round.checks(), pool, () -> term == myTerm);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.warn("Health checks of {} failed", round.appId(), e);
                } finally {
                    running.remove(round.appId());
                }
            });
        }
        return decision.rounds().size();
    }

    /** Whether no round is running (for tests that wait for a tick's work to finish). */
    synchronized boolean isIdle() {
        return busy == null || busy.isEmpty();
    }

    /** How late the latest due check was at the last tick; zero while the checks keep up. */
    public Duration behindSchedule() {
        return behind;
    }

    /** Runs skipped because a check fell more than a whole interval behind. */
    public long skippedRuns() {
        return skippedRuns.sum();
    }
}
