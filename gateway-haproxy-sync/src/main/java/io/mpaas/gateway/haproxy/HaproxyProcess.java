package io.mpaas.gateway.haproxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * <p>A managed master outlives a gateway killed with SIGKILL (it is not in our process group's fate). The next
 * gateway on the same run directory finds it through the pid file: a live {@code haproxy} whose command line names
 * our config and whose master CLI answers is <em>adopted</em> instead of being started again (which would fail
 * on its bound ports): it is supervised like a child from then on (restarted if it dies, stopped at our stop),
 * and the caller reloads it onto the config just written. Its output went to the dead gateway and is lost.
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

    /** The master we supervise: our child, or an adopted orphan. */
    private volatile ProcessHandle process;
    /** The same master as a child, for its exit code; null when adopted. */
    private volatile Process child;
    private volatile Instant startedAt;
    private volatile boolean stopping;
    private Thread supervisor;

    public HaproxyProcess(HaproxySettings settings, MasterCli master, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.master = master;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** How {@link #start()} came to have a running HAProxy. */
    public enum Start {
        /** A new master, our child, runs the config on disk. */
        STARTED,
        /** A master left by a previous gateway runs whatever config it last loaded: reload it. */
        ADOPTED,
        /** Someone else runs HAProxy; it answered. */
        ATTACHED
    }

    /**
     * Starts HAProxy (managed mode), or adopts the one a previous gateway left running on this run directory, and
     * returns once the master CLI lists a current worker. The config must already be on disk.
     *
     * @return what happened; after {@link Start#ADOPTED} the caller must reload so the config on disk is used
     * @throws IllegalStateException if HAProxy exited or showed no worker within {@code startTimeout}; its
     *                               output is in the message
     */
    public synchronized Start start() {
        if (settings.mode() == HaproxySettings.Mode.ATTACHED) {
            awaitWorker();
            return Start.ATTACHED;
        }
        if (supervisor != null) {
            throw new IllegalStateException("already started");
        }
        if (!Files.isRegularFile(settings.configPath())) {
            throw new IllegalStateException("write the first config before starting HAProxy: "
                    + settings.configPath() + " does not exist");
        }
        stopping = false;
        Optional<ProcessHandle> orphan = orphanedMaster();
        try {
            if (orphan.isPresent()) {
                process = orphan.get();
                child = null;
                startedAt = clock.instant();
                log.warn("adopted haproxy master {} left running by a previous gateway (pid file {})",
                        orphan.get().pid(), settings.pidFile());
            } else {
                spawn();
            }
            awaitWorker();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + settings.binary() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (orphan.isEmpty()) {
                killQuietly();
            }
            throw e;
        }
        supervisor = Thread.ofVirtual().name("haproxy-supervisor").start(this::supervise);
        return orphan.isPresent() ? Start.ADOPTED : Start.STARTED;
    }

    /**
     * The master a previous gateway left behind on this run directory: the pid file names a live process that is
     * our HAProxy binary running our config, and its master CLI answers. A stale pid file (HAProxy gone, the pid
     * reused by something else) names nothing.
     */
    private Optional<ProcessHandle> orphanedMaster() {
        OptionalLong pid = pidFromFile();
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> candidate = ProcessHandle.of(pid.getAsLong())
                .filter(ProcessHandle::isAlive)
                .filter(this::runsOurConfig);
        if (candidate.isEmpty()) {
            return Optional.empty();
        }
        try {
            master.showProc();
            return candidate;
        } catch (HaproxyUnreachableException e) {
            log.warn("haproxy {} named by {} runs our config but its master CLI does not answer ({}); starting a "
                    + "new one", pid.getAsLong(), settings.pidFile(), e.getMessage());
            return Optional.empty();
        }
    }

    private OptionalLong pidFromFile() {
        try {
            if (!Files.isRegularFile(settings.pidFile())) {
                return OptionalLong.empty();
            }
            String first = Files.readString(settings.pidFile(), StandardCharsets.US_ASCII).strip().split("\\s+")[0];
            return OptionalLong.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            log.debug("no usable pid in {}: {}", settings.pidFile(), e.toString());
            return OptionalLong.empty();
        }
    }

    private boolean runsOurConfig(ProcessHandle handle) {
        ProcessHandle.Info info = handle.info();
        String binaryName = Path.of(settings.binary()).getFileName().toString();
        boolean haproxy = info.command().map(c -> Path.of(c).getFileName().toString().equals(binaryName))
                .orElse(false);
        String config = settings.configPath().toString();
        boolean ours = info.arguments().map(args -> List.of(args).contains(config)).orElse(false);
        return haproxy && ours;
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
        ProcessHandle current = process;
        if (current == null) {
            return;
        }
        current.destroy();
        try {
            if (!awaitExit(current)) {
                log.warn("haproxy master {} ignored SIGTERM for {}; killing it", current.pid(), settings.stopTimeout());
                current.destroyForcibly();
                awaitExit(current);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
        process = null;
        child = null;
    }

    private boolean awaitExit(ProcessHandle handle) throws InterruptedException {
        try {
            handle.onExit().get(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        }
    }

    /**
     * Forgets the master without stopping it, as a gateway killed with SIGKILL does: it keeps serving, and the
     * next start on this run directory adopts it. For tests of exactly that.
     */
    synchronized void abandon() {
        stopping = true;
        if (supervisor != null) {
            supervisor.interrupt();
            supervisor = null;
        }
        process = null;
        child = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** The master's pid while a managed master is alive. */
    public OptionalLong masterPid() {
        ProcessHandle current = process;
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
        child = started;
        process = started.toHandle();
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
            ProcessHandle current = process;
            if (settings.mode() == HaproxySettings.Mode.MANAGED && (current == null || !current.isAlive())) {
                throw new IllegalStateException("haproxy exited during start" + exitCode() + "; output:\n"
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
            ProcessHandle current = process;
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
            log.warn("haproxy master {} exited{}; restarting in {}", current.pid(), exitCode(), backoff);
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

    /** " with code N" for a child that exited; nothing for an adopted master (its code is its parent's). */
    private String exitCode() {
        Process current = child;
        return current == null || current.isAlive() ? "" : " with code " + current.exitValue();
    }

    private void killQuietly() {
        ProcessHandle current = process;
        if (current != null) {
            current.destroyForcibly();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
