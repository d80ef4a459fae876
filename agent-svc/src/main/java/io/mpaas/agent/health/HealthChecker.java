package io.mpaas.agent.health;

import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.protocol.mesos.TaskId;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health-checks one running task on a virtual thread of its own: waits the check's delay,
 * then probes, decides ({@link HealthCheckState}) and tells the {@link HealthListener}, and
 * waits the interval after each probe, until stopped or until the task is to be killed.
 *
 * <p>The agent starts one with {@link #start} when the task is running and calls {@link
 * #stop} when the task ends or is being killed for another reason (Mesos's executors pause
 * checking as soon as a kill begins, so that no health update follows TASK_KILLING).
 */
public final class HealthChecker {

    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final TaskId taskId;
    private final HealthCheckSpec spec;
    private final HealthProbe probe;
    private final Clock clock;
    private final Pause pause;
    private final HealthListener listener;

    /**
     * Guards {@link #stopped} and {@link #blocking} together, so that stop() interrupts the
     * thread only inside a pause or a probe: an interrupt landing in a listener call would
     * break whatever I/O the agent does there (an interrupted virtual thread closes the NIO
     * channel it is writing to). Held only for a few instructions, never while calling out.
     */
    private final Object interruptLock = new Object();
    private volatile boolean stopped;
    private boolean blocking;
    private volatile Thread thread;
    private HealthCheckState state;

    HealthChecker(TaskId taskId, HealthCheckSpec spec, HealthProbe probe, Clock clock, Pause pause,
            HealthListener listener) {
        this.taskId = Objects.requireNonNull(taskId, "taskId");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Starts health-checking a task that has just started running. The grace period and the
     * delay count from now, so call this when the container is up (Mesos starts its checker
     * right after launching the task).
     *
     * @param spec from {@link HealthCheckSpec#from}, which already rejected invalid checks
     * @param container where the probes reach the task: its address for HTTP and TCP, exec
     *     for COMMAND
     * @param clock the agent's clock; the grace period is measured with it
     */
    public static HealthChecker start(TaskId taskId, HealthCheckSpec spec, ContainerHandle container, Clock clock,
            HealthListener listener) {
        HealthChecker checker = new HealthChecker(taskId, spec, HealthProbe.of(spec, container), clock, Pause.REAL,
                listener);
        checker.start();
        return checker;
    }

    synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("health checker for task " + taskId + " already started");
        }
        state = HealthCheckState.starting(clock.instant(), spec);
        // Assigned before the thread runs: stop() interrupts it once it blocks.
        Thread checking = Thread.ofVirtual().name("health-check-" + taskId).unstarted(this::run);
        thread = checking;
        checking.start();
    }

    /**
     * Ends checking at once: interrupts a pause or a probe under way, never a listener call.
     * Idempotent, and does not wait (see {@link #awaitStopped}), so it is safe to call from
     * the listener or with the agent's locks held. A listener call that had already begun
     * may still complete; like Mesos's executor, the agent ignores health reports for a task
     * it is killing or that has ended.
     */
    public void stop() {
        synchronized (interruptLock) {
            stopped = true;
            if (blocking) {
                thread.interrupt();
            }
        }
    }

    /**
     * Waits for the checker's thread to end, after {@link #stop} or a kill decision.
     *
     * @return whether it ended within {@code timeout} (true if it never started)
     */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        Thread running = thread;
        return running == null || running.join(timeout);
    }

    private void run() {
        try {
            Duration wait = spec.delay();
            // stopped is checked before every pause and probe (interruptibly) and before
            // every report (decide): a stop() outside them interrupts nothing.
            while (!stopped) {
                Duration pauseFor = wait;
                interruptibly(() -> {
                    pause.sleep(pauseFor);
                    return null;
                });
                CheckOutcome outcome = interruptibly(this::probeOnce);
                if (stopped || !decide(outcome)) {
                    break;
                }
                wait = spec.interval();
            }
        } catch (InterruptedException e) {
            // stop() came before or during a pause or a probe: nothing more to do.
        }
        log.debug("Health checking of task {} ended", taskId);
    }

    /** A step that blocks and ends early when stop() interrupts it. */
    private interface BlockingStep<T> {
        T run() throws InterruptedException;
    }

    /**
     * Runs {@code step} where stop() may interrupt it.
     *
     * @throws InterruptedException when stopped before or during the step
     */
    private <T> T interruptibly(BlockingStep<T> step) throws InterruptedException {
        synchronized (interruptLock) {
            if (stopped) {
                throw new InterruptedException("health checking of task " + taskId + " stopped");
            }
            blocking = true;
        }
        try {
            return step.run();
        } finally {
            synchronized (interruptLock) {
                blocking = false;
                // An interrupt meant for the step must not reach the listener's I/O.
                Thread.interrupted();
            }
        }
    }

    /** One probe; a probe that throws (a bug, not a failed check) counts as a failed check. */
    private CheckOutcome probeOnce() throws InterruptedException {
        try {
            return probe.probe();
        } catch (RuntimeException e) {
            log.warn("Health check probe of task {} threw", taskId, e);
            return CheckOutcome.failed("health check could not be run", e);
        }
    }

    /** Applies the decision for {@code outcome}; false once the task is to be killed. */
    private boolean decide(CheckOutcome outcome) {
        HealthDecision decision = state.record(clock.instant(), outcome);
        if (!outcome.healthy() && decision.effects().isEmpty()) {
            log.info("Ignoring failed health check of task {}: still in grace period: {}", taskId, outcome.message());
        }
        state = decision.next();
        for (HealthDecision.Effect effect : decision.effects()) {
            if (stopped) {
                return false;
            }
            switch (effect) {
                case HealthDecision.Report report -> report(report);
                case HealthDecision.Kill kill -> {
                    log.warn("Task {} is to be killed: {}", taskId, kill.message());
                    notify(() -> listener.unhealthy(kill.message()));
                    return false;
                }
            }
        }
        return true;
    }

    private void report(HealthDecision.Report report) {
        if (report.healthy()) {
            log.info("Task {} is healthy: {}", taskId, report.message());
        } else {
            log.warn("Health check of task {} failed {} time(s) in a row: {}", taskId, report.consecutiveFailures(),
                    report.message());
        }
        notify(() -> listener.healthChanged(report.healthy(), report.message()));
    }

    /** A listener that throws must not end health checking; the next round reports again. */
    private void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("Health listener of task {} threw", taskId, e);
        }
    }
}
