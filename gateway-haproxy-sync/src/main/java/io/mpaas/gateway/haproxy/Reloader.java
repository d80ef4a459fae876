package io.mpaas.gateway.haproxy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads HAProxy through the master CLI and confirms it, because the master's {@code reload} is fire-and-forget:
 * it neither says whether the new config loaded nor whether the command arrived at all (the socket refuses
 * connections while the master re-executes, e.g. during a previous reload).
 *
 * <p>A reload counts as done when {@code show proc} lists a current worker whose pid was not there before, no
 * worker from before is still current, and the master reports no failed reload. It counts as failed at once
 * when the master's reload counter went up together with its failed counter: HAProxy rejected the config,
 * sending it again would not help (run {@code haproxy -c} first to avoid this). Otherwise, when the command could
 * not be sent or nothing changed within {@code reloadTimeout}, the reload is sent again, up to
 * {@code reloadAttempts} times. Never assumes success.
 *
 * <p>Not thread-safe on purpose: reloads must be serialised by the caller (one sync loop).
 */
public final class Reloader {

    private static final Logger log = LoggerFactory.getLogger(Reloader.class);

    /** {@code show proc} costs about a millisecond; a reload of a small config is confirmed within ~50-100 ms. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final MasterCli master;
    private final Duration reloadTimeout;
    private final int reloadAttempts;
    private final Clock clock;
    private final Sleeper sleeper;

    public Reloader(MasterCli master, Duration reloadTimeout, int reloadAttempts, Clock clock, Sleeper sleeper) {
        this.master = master;
        this.reloadTimeout = reloadTimeout;
        this.reloadAttempts = reloadAttempts;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public Reloader(MasterCli master, HaproxySettings settings, Clock clock) {
        this(master, settings.reloadTimeout(), settings.reloadAttempts(), clock, Sleeper.REAL);
    }

    /** Reloads and waits for the proof; see the class comment for what counts as proof. */
    public ReloadResult reload() {
        Instant start = clock.instant();
        Optional<ProcessTable> before = poll(start.plus(reloadTimeout));
        if (before.isEmpty() || before.get().master().isEmpty()) {
            return new ReloadResult(false, 0, Duration.between(start, clock.instant()), null,
                    "master CLI did not answer show proc within " + reloadTimeout + "; HAProxy is not running?");
        }
        Set<Integer> seen = before.get().workerPids();
        ProcessRow masterBefore = before.get().master().get();
        String lastProblem = "";
        int attempt = 0;
        try {
            while (attempt < reloadAttempts) {
                attempt++;
                try {
                    master.reload();
                } catch (HaproxyUnreachableException e) {
                    lastProblem = "reload not sent: " + e.getMessage();
                    log.warn("reload attempt {}/{}: {}", attempt, reloadAttempts, lastProblem);
                    sleeper.sleep(POLL_INTERVAL);
                    continue;
                }
                Instant deadline = clock.instant().plus(reloadTimeout);
                while (clock.instant().isBefore(deadline)) {
                    Optional<ProcessTable> now = poll(deadline);
                    if (now.isPresent() && now.get().master().isPresent()) {
                        ProcessTable table = now.get();
                        ProcessRow masterNow = table.master().get();
                        boolean sameMaster = masterNow.pid() == masterBefore.pid();
                        if (sameMaster && masterNow.reloads() > masterBefore.reloads()
                                && masterNow.failedReloads() > masterBefore.failedReloads()) {
                            return done(false, attempt, start, null, "HAProxy rejected the new config (failed "
                                    + "reloads: " + masterNow.failedReloads() + "); the previous workers keep "
                                    + "serving the old config");
                        }
                        Optional<ProcessRow> fresh = table.currentWorkers().stream()
                                .filter(w -> !seen.contains(w.pid())).findFirst();
                        boolean oldGone = table.currentWorkers().stream().noneMatch(w -> seen.contains(w.pid()));
                        if (fresh.isPresent() && oldGone && masterNow.failedReloads() == 0) {
                            return done(true, attempt, start, fresh.get().pid(), "worker " + fresh.get().pid()
                                    + " took over; old workers leaving: " + table.oldWorkers().size());
                        }
                    }
                    sleeper.sleep(POLL_INTERVAL);
                }
                lastProblem = "no new worker within " + reloadTimeout;
                log.warn("reload attempt {}/{}: {}", attempt, reloadAttempts, lastProblem);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return done(false, attempt, start, null, "interrupted while waiting for the reload");
        }
        return done(false, attempt, start, null, "gave up after " + attempt + " attempts: " + lastProblem);
    }

    /** One {@code show proc}, retried while the master is unreachable and the deadline allows. */
    private Optional<ProcessTable> poll(Instant deadline) {
        while (true) {
            try {
                return Optional.of(master.showProc());
            } catch (HaproxyUnreachableException e) {
                if (!clock.instant().isBefore(deadline)) {
                    return Optional.empty();
                }
                try {
                    sleeper.sleep(POLL_INTERVAL);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    private ReloadResult done(boolean ok, int attempts, Instant start, Integer pid, String message) {
        ReloadResult result = new ReloadResult(ok, attempts, Duration.between(start, clock.instant()), pid, message);
        if (ok) {
            log.info("reload confirmed in {} ms after {} attempt(s): {}", result.duration().toMillis(), attempts,
                    message);
        } else {
            log.warn("reload failed after {} attempt(s): {}", attempts, message);
        }
        return result;
    }
}
