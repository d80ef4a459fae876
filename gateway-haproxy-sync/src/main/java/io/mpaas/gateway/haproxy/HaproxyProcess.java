package io.mpaas.gateway.haproxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HAProxy master process, in {@link HaproxySettings.Mode#MANAGED} mode our child:
 * {@code haproxy -W -S <masterSocket>,mode,600 -f <config> -p <pidFile>}, in the foreground (not {@code -D}) so
 * that we see it die. Its output goes to our log and the last lines are kept, because in HAProxy 2.6 the
 * master's stderr is the only place that says why a reload was rejected.
 *
 * <p>A virtual thread waits for the master to exit and, unless {@link #stop()} was called, starts it again after
 * a back-off that doubles from {@code restartBackoff} to {@code restartBackoffMax} and starts over once a master
 * lived longer than the cap. When the master dies its workers exit on their own (seen on 2.6.12 after
 * {@code kill -9}), so the new master can bind the same ports.
 *
 * <p>In {@link HaproxySettings.Mode#ATTACHED} mode nothing is started or stopped; {@link #start()} only waits
 * until the master CLI shows a worker, so callers can use the same code path in both modes.
 */
public final class HaproxyProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HaproxyProcess.class);
    private static final int KEPT_OUTPUT_LINES = 200;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final HaproxySettings settings;
    private final MasterCli master;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Deque<String> output = new ArrayDeque<>();
    private final AtomicInteger restarts = new AtomicInteger();

    private volatile Process process;
    private volatile Instant startedAt;
    private volatile boolean stopping;
    private Thread supervisor;

    public HaproxyProcess(HaproxySettings settings, MasterCli master, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.master = master;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Starts HAProxy (managed mode) and returns once the master CLI lists a current worker. The config must
     * already be on disk.
     *
     * @throws IllegalStateException if HAProxy exited or showed no worker within {@code startTimeout}; its
     *                               output is in the message
     */
    public synchronized void start() {
        if (settings.mode() == HaproxySettings.Mode.ATTACHED) {
            awaitWorker();
            return;
        }
        if (supervisor != null) {
            throw new IllegalStateException("already started");
        }
        if (!Files.isRegularFile(settings.configPath())) {
            throw new IllegalStateException("write the first config before starting HAProxy: "
                    + settings.configPath() + " does not exist");
        }
        stopping = false;
        try {
            spawn();
            awaitWorker();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + settings.binary() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            killQuietly();
            throw e;
        }
        supervisor = Thread.ofVirtual().name("haproxy-supervisor").start(this::supervise);
    }

    /**
     * Stops a managed HAProxy with SIGTERM (the master stops its workers at once, open connections are cut) and
     * kills it after {@code stopTimeout}. Nothing happens in attached mode.
     */
    public void stop() {
        // Set before taking the lock, so that a restart in progress sees it and gives up.
        stopping = true;
        synchronized (this) {
            stopProcess();
        }
    }

    private void stopProcess() {
        if (supervisor != null) {
            supervisor.interrupt();
            supervisor = null;
        }
        Process current = process;
        if (current == null) {
            return;
        }
        current.destroy();
        try {
            if (!current.waitFor(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("haproxy master {} ignored SIGTERM for {}; killing it", current.pid(), settings.stopTimeout());
                current.destroyForcibly().waitFor(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** The master's pid while a managed master is alive. */
    public OptionalLong masterPid() {
        Process current = process;
        return current != null && current.isAlive() ? OptionalLong.of(current.pid()) : OptionalLong.empty();
    }

    /** How many times the supervisor started HAProxy again after it died. */
    public int restarts() {
        return restarts.get();
    }

    /** The last lines HAProxy printed, oldest first: why a start or a reload failed is told only there. */
    public List<String> recentOutput() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    private void spawn() throws IOException {
        Files.createDirectories(settings.runDir());
        ProcessBuilder builder = new ProcessBuilder(settings.binary(), "-W",
                "-S", settings.masterSocket() + ",mode,600",
                "-f", settings.configPath().toString(),
                "-p", settings.pidFile().toString())
                .directory(settings.configPath().toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true);
        Process started = builder.start();
        started.getOutputStream().close();
        process = started;
        startedAt = clock.instant();
        log.info("started haproxy master {}: {}", started.pid(), String.join(" ", builder.command()));
        Thread.ofVirtual().name("haproxy-output-" + started.pid()).start(() -> pump(started));
    }

    private void pump(Process from) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(from.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.info("haproxy: {}", line);
                synchronized (output) {
                    if (output.size() == KEPT_OUTPUT_LINES) {
                        output.removeFirst();
                    }
                    output.addLast(line);
                }
            }
        } catch (IOException e) {
            log.debug("haproxy output closed: {}", e.getMessage());
        }
    }

    private void awaitWorker() {
        Instant deadline = clock.instant().plus(settings.startTimeout());
        String last = "no answer yet";
        while (clock.instant().isBefore(deadline)) {
            Process current = process;
            if (settings.mode() == HaproxySettings.Mode.MANAGED && (current == null || !current.isAlive())) {
                throw new IllegalStateException("haproxy exited during start"
                        + (current == null ? "" : " with code " + current.exitValue()) + "; output:\n"
                        + String.join("\n", recentOutput()));
            }
            try {
                ProcessTable table = master.showProc();
                if (!table.currentWorkers().isEmpty()) {
                    return;
                }
                last = "no worker yet";
            } catch (HaproxyUnreachableException e) {
                last = e.getMessage();
            }
            try {
                sleeper.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for haproxy", e);
            }
        }
        throw new IllegalStateException("haproxy showed no worker within " + settings.startTimeout() + " ("
                + last + "); output:\n" + String.join("\n", recentOutput()));
    }

    private void supervise() {
        Duration backoff = settings.restartBackoff();
        while (!stopping) {
            Process current = process;
            try {
                current.onExit().get();
            } catch (InterruptedException e) {
                return;
            } catch (ExecutionException e) {
                log.warn("waiting for haproxy failed: {}", e.getMessage());
            }
            if (stopping) {
                return;
            }
            if (Duration.between(startedAt, clock.instant()).compareTo(settings.restartBackoffMax()) > 0) {
                backoff = settings.restartBackoff();
            }
            log.warn("haproxy master {} exited with code {}; restarting in {}", current.pid(),
                    current.exitValue(), backoff);
            try {
                sleeper.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = min(backoff.multipliedBy(2), settings.restartBackoffMax());
            synchronized (this) {
                if (stopping) {
                    return;
                }
                try {
                    spawn();
                    awaitWorker();
                    restarts.incrementAndGet();
                    log.info("haproxy restarted as master {}", process.pid());
                } catch (IOException | RuntimeException e) {
                    startedAt = clock.instant();
                    log.warn("restarting haproxy failed: {}", e.getMessage());
                }
            }
        }
    }

    private void killQuietly() {
        Process current = process;
        if (current != null) {
            current.destroyForcibly();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
