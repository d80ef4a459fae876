package io.mpaas.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.testkit.time.MutableClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The checker's loop, driven round by round: the pause hands each sleep to the test and waits
 * to be resumed, moving the clock by the time slept, so every assertion runs while the checker
 * thread is parked and nothing depends on how fast it runs.
 */
class HealthCheckerTest {

    /** How long the test waits for the checker thread to get somewhere; never reached when it works. */
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private static final TaskId TASK = TaskId.of("web.7f3c");
    private static final CheckOutcome PASS = CheckOutcome.passed("HTTP GET http://172.17.0.2:8080/ returned 200");
    private static final CheckOutcome FAIL = CheckOutcome.failed("HTTP GET http://172.17.0.2:8080/ returned 503");

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final SteppedPause pause = new SteppedPause(clock);
    private final ScriptedProbe probe = new ScriptedProbe();
    private final RecordingListener listener = new RecordingListener();
    private HealthChecker checker;

    @AfterEach
    void stop() throws InterruptedException {
        if (checker != null) {
            checker.stop();
            assertThat(checker.awaitStopped(DEADLINE)).isTrue();
        }
    }

    private static HealthCheckSpec spec(Duration delay, Duration interval, int failures, Duration grace) {
        return new HealthCheckSpec(new HealthCheckSpec.Http("http", 8080, "/", Set.of()), delay, interval,
                Duration.ofSeconds(20), failures, grace);
    }

    private static HealthCheckSpec mesosDefaults() {
        return spec(HealthCheckSpec.DEFAULT_DELAY, HealthCheckSpec.DEFAULT_INTERVAL,
                HealthCheckSpec.DEFAULT_CONSECUTIVE_FAILURES, HealthCheckSpec.DEFAULT_GRACE_PERIOD);
    }

    private void start(HealthCheckSpec spec) {
        checker = new HealthChecker(TASK, spec, probe, clock, pause, listener);
        checker.start();
    }

    /** Lets the checker wake up, probe with {@code outcome} and decide; returns its next sleep. */
    private Duration round(Object outcome) throws InterruptedException {
        probe.next(outcome);
        pause.resume();
        return pause.awaitSleep();
    }

    /** Lets the checker wake up and probe with {@code outcome}, after which it must end (a kill). */
    private void lastRound(Object outcome) throws InterruptedException {
        probe.next(outcome);
        pause.resume();
        assertThat(checker.awaitStopped(DEADLINE)).as("the checker ends after a kill").isTrue();
    }

    @Test
    void waitsTheDelayThenReportsTheFirstSuccessOnceAndChecksEveryInterval() throws Exception {
        start(mesosDefaults());

        assertThat(pause.awaitSleep()).isEqualTo(Duration.ofSeconds(15));
        assertThat(round(PASS)).isEqualTo(Duration.ofSeconds(10));
        assertThat(round(PASS)).isEqualTo(Duration.ofSeconds(10));
        assertThat(round(PASS)).isEqualTo(Duration.ofSeconds(10));

        assertThat(listener.events).containsExactly("healthy: " + PASS.message());
        assertThat(probe.probes).isEqualTo(3);
    }

    @Test
    void reportsTheChangeToUnhealthyEveryFurtherFailureAndTheRecovery() throws Exception {
        start(spec(Duration.ZERO, Duration.ofSeconds(10), 5, Duration.ZERO));
        pause.awaitSleep();

        round(PASS);
        round(FAIL);
        round(FAIL);
        round(PASS);
        round(PASS);

        assertThat(listener.events).containsExactly(
                "healthy: " + PASS.message(),
                "unhealthy: " + FAIL.message(),
                "unhealthy: " + FAIL.message(),
                "healthy: " + PASS.message());
    }

    @Test
    void killsOnceAfterTheConsecutiveFailuresAndStopsChecking() throws Exception {
        start(mesosDefaults());
        pause.awaitSleep();

        round(PASS);
        round(FAIL);
        round(FAIL);
        lastRound(FAIL);

        assertThat(listener.events).containsExactly(
                "healthy: " + PASS.message(),
                "unhealthy: " + FAIL.message(),
                "unhealthy: " + FAIL.message(),
                "unhealthy: " + FAIL.message(),
                "kill: Health check failed 3 times in a row: " + FAIL.message());
        assertThat(pause.requested).as("no sleep after the kill").isEmpty();
        assertThat(probe.probes).isEqualTo(4);
    }

    @Test
    void ignoresFailuresWithinTheGracePeriodThatStartsWithTheChecker() throws Exception {
        clock.advance(Duration.ofHours(1));
        start(spec(Duration.ofSeconds(5), Duration.ofSeconds(2), 1, Duration.ofSeconds(10)));
        pause.awaitSleep();

        round(FAIL); // 5 s after the start
        round(FAIL); // 7 s
        round(FAIL); // 9 s
        assertThat(listener.events).isEmpty();
        lastRound(FAIL); // 11 s: past the grace period, and one failure kills

        assertThat(listener.events).containsExactly(
                "unhealthy: " + FAIL.message(),
                "kill: Health check failed 1 time: " + FAIL.message());
    }

    @Test
    void aSuccessEndsTheGracePeriodAtOnce() throws Exception {
        start(spec(Duration.ZERO, Duration.ofSeconds(1), 3, Duration.ofSeconds(60)));
        pause.awaitSleep();

        round(FAIL);
        round(PASS);
        round(FAIL);

        assertThat(listener.events).containsExactly(
                "healthy: " + PASS.message(),
                "unhealthy: " + FAIL.message());
    }

    @Test
    void stopEndsAPauseAtOnceWithoutProbing() throws Exception {
        start(mesosDefaults());
        pause.awaitSleep();

        checker.stop();

        assertThat(checker.awaitStopped(DEADLINE)).isTrue();
        assertThat(probe.probes).isZero();
        assertThat(listener.events).isEmpty();
    }

    @Test
    void stopEndsAProbeUnderWayAndItsResultIsNotReported() throws Exception {
        start(mesosDefaults());
        pause.awaitSleep();
        pause.resume();
        assertThat(probe.probing.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        checker.stop();

        assertThat(checker.awaitStopped(DEADLINE)).isTrue();
        assertThat(listener.events).isEmpty();
    }

    @Test
    void stopFromTheListenerNeverInterruptsIt() throws Exception {
        BlockingQueue<Boolean> interrupted = new LinkedBlockingQueue<>();
        HealthListener killing = new HealthListener() {
            @Override
            public void healthChanged(boolean healthy, String message) {
                checker.stop();
                interrupted.add(Thread.currentThread().isInterrupted());
            }

            @Override
            public void unhealthy(String message) {
            }
        };
        checker = new HealthChecker(TASK, mesosDefaults(), probe, clock, pause, killing);
        checker.start();
        pause.awaitSleep();

        probe.next(PASS);
        pause.resume();

        assertThat(interrupted.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isFalse();
        assertThat(checker.awaitStopped(DEADLINE)).isTrue();
        assertThat(pause.requested).isEmpty();
    }

    @Test
    void aCheckerStoppedBeforeItRunsNeitherSleepsNorProbes() throws Exception {
        checker = new HealthChecker(TASK, mesosDefaults(), probe, clock, pause, listener);
        checker.stop();

        checker.start();

        assertThat(checker.awaitStopped(DEADLINE)).isTrue();
        assertThat(pause.requested).isEmpty();
        assertThat(probe.probes).isZero();
    }

    @Test
    void startsOnlyOnce() {
        start(mesosDefaults());

        assertThatThrownBy(checker::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aProbeThatThrowsCountsAsAFailedCheck() throws Exception {
        start(spec(Duration.ZERO, Duration.ofSeconds(10), 3, Duration.ZERO));
        pause.awaitSleep();

        round(new IllegalStateException("Docker engine returned garbage"));

        assertThat(listener.events).containsExactly(
                "unhealthy: health check could not be run: docker engine returned garbage");
    }

    @Test
    void aListenerThatThrowsDoesNotEndChecking() throws Exception {
        listener.failing = true;
        start(spec(Duration.ZERO, Duration.ofSeconds(10), 3, Duration.ZERO));
        pause.awaitSleep();

        round(FAIL);
        round(PASS);

        assertThat(listener.events).containsExactly(
                "unhealthy: " + FAIL.message(),
                "healthy: " + PASS.message());
    }

    @Test
    void startsCheckingATaskThroughItsContainer() throws Exception {
        try (ServerSocket task = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            HealthCheckSpec spec = new HealthCheckSpec(new HealthCheckSpec.Tcp(task.getLocalPort()), Duration.ZERO,
                    Duration.ofSeconds(10), Duration.ofSeconds(5), 3, Duration.ofSeconds(10));
            BlockingQueue<String> reports = new LinkedBlockingQueue<>();

            checker = HealthChecker.start(TASK, spec, new LocalContainer(), Clock.systemUTC(), new HealthListener() {
                @Override
                public void healthChanged(boolean healthy, String message) {
                    reports.add(healthy + " " + message);
                }

                @Override
                public void unhealthy(String message) {
                    reports.add("kill " + message);
                }
            });

            assertThat(reports.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo("true TCP connect to 127.0.0.1:" + task.getLocalPort() + " succeeded");
        }
    }

    /** Hands each sleep to the test and sleeps until the test resumes it; sleeping moves the clock. */
    private static final class SteppedPause implements Pause {

        private final MutableClock clock;
        final BlockingQueue<Duration> requested = new LinkedBlockingQueue<>();
        private final Semaphore resumes = new Semaphore(0);

        SteppedPause(MutableClock clock) {
            this.clock = clock;
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            requested.put(duration);
            resumes.acquire();
            clock.advance(duration);
        }

        /** The next sleep the checker asks for; it is then parked until {@link #resume}. */
        Duration awaitSleep() throws InterruptedException {
            Duration duration = requested.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(duration).as("the checker should have gone to sleep").isNotNull();
            return duration;
        }

        void resume() {
            resumes.release();
        }
    }

    /** Answers each probe with what the test put in: an outcome, or an exception to throw. */
    private static final class ScriptedProbe implements HealthProbe {

        private final BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
        final CountDownLatch probing = new CountDownLatch(1);
        volatile int probes;

        void next(Object outcome) {
            outcomes.add(outcome);
        }

        @Override
        public CheckOutcome probe() throws InterruptedException {
            probing.countDown();
            Object next = outcomes.take();
            probes++;
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (CheckOutcome) next;
        }
    }

    private static final class RecordingListener implements HealthListener {

        final List<String> events = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        @Override
        public void healthChanged(boolean healthy, String message) {
            events.add((healthy ? "healthy: " : "unhealthy: ") + message);
            if (failing) {
                throw new IllegalStateException("status update channel closed");
            }
        }

        @Override
        public void unhealthy(String message) {
            events.add("kill: " + message);
        }
    }
}
