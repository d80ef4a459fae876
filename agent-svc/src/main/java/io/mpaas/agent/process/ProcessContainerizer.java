package io.mpaas.agent.process;

import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.agent.container.ContainerKind;
import io.mpaas.agent.container.Containerizer;
import io.mpaas.agent.container.LaunchFailure;
import io.mpaas.agent.container.LaunchSpec;
import io.mpaas.agent.container.Recovery;
import io.mpaas.agent.container.StartGate;
import io.mpaas.protocol.mesos.ContainerId;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks without a Docker image as plain processes: {@code /bin/sh -c} (or argv) in the
 * sandbox, with exactly the environment the agent computed, output appended to the sandbox's
 * {@code stdout} and {@code stderr}, each task in a session and process group of its own under
 * a small wrapper ({@link TaskWrapper}) that outlives the agent and records the exit status,
 * and inside a cgroup with its memory and cpu limits where the machine allows
 * ({@link #limits()}).
 *
 * <p>Restarts: every container has an entry in {@code stateDir} ({@link ContainerIndex}),
 * written before its wrapper starts, so {@link #recover} finds each sandbox, and through the
 * wrapper's markers the pids, start times and exit status, from the container id alone.
 */
public final class ProcessContainerizer implements Containerizer {

    private static final Logger log = LoggerFactory.getLogger(ProcessContainerizer.class);

    /** The PATH of a task whose environment has none, when the agent itself has none either. */
    private static final String FALLBACK_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** How much of stderr a launch failure quotes. */
    private static final int STDERR_TAIL = 512;

    /** How long a discarded container's cgroup removal is retried while its killed processes go. */
    private static final Duration CGROUP_REMOVAL = Duration.ofSeconds(2);

    /**
     * How many wrappers may be starting at once. Starting one is CPU work on this machine (a
     * spawn, a shell, its handshake); five hundred at once only make each of them late, until
     * their handshakes run out of {@code launch-timeout} and the launches fail. A few per core
     * keep the cores busy; the rest wait their turn before their handshake clock starts.
     */
    static final int LAUNCHES_AT_ONCE = Math.max(4, 4 * Runtime.getRuntime().availableProcessors());

    private final Clock clock;
    private final ProcessProperties properties;
    private final ProcessTable table;
    private final CgroupLimiter limiter;
    private final TaskWrapper wrapper;
    private final ContainerIndex index;
    private final CheckCommandRunner checks;
    private final String agentPath;
    /** Tasks run as their {@code CommandInfo.user} only when the agent runs as root ({@link TaskUser}). */
    private final boolean agentIsRoot = TaskUser.agentIsRoot();
    private final String setpriv;
    private final Semaphore launching = new Semaphore(LAUNCHES_AT_ONCE, true);

    /**
     * @param stateDir where the index of containers lives; must survive agent restarts (the
     *     agent's {@code <work-dir>/meta/process})
     */
    public ProcessContainerizer(Clock clock, Path stateDir, ProcessProperties properties) {
        this.clock = clock;
        this.properties = properties;
        this.table = new ProcessTable(Path.of("/proc"));
        this.limiter = CgroupLimiter.detect(properties.cgroupsEnabled(), properties.cgroupRoot(),
                Path.of("/proc/self/mountinfo"));
        String path = System.getenv("PATH");
        this.agentPath = path == null || path.isBlank() ? FALLBACK_PATH : path;
        this.index = new ContainerIndex(stateDir);
        this.wrapper = TaskWrapper.locate(agentPath, stateDir);
        if (!wrapper.usable()) {
            log.warn("No setsid or mv on the agent's PATH ({}): process tasks cannot be launched", agentPath);
        }
        this.checks = new CheckCommandRunner(table, wrapper.setsid(), agentPath);
        this.setpriv = TaskWrapper.find("setpriv", agentPath);
    }

    @Override
    public ContainerKind kind() {
        return ContainerKind.PROCESS;
    }

    @Override
    public boolean available() {
        return true;
    }

    /** What this machine lets the containerizer enforce, for the docs and {@code /state}. */
    public ProcessLimits limits() {
        return limiter.limits();
    }

    @Override
    public ContainerHandle launch(LaunchSpec spec, StartGate gate) throws LaunchFailure, InterruptedException {
        Map<String, String> environment = new HashMap<>(spec.environment());
        environment.putIfAbsent("PATH", agentPath);
        TaskCommand command = TaskCommand.of(spec.task().command(), spec.sandbox(), environment.get("PATH"));
        if (!wrapper.usable()) {
            throw LaunchFailure.failed("the agent's PATH (" + agentPath + ") has no setsid or mv", null);
        }
        Optional<TaskUser> user = TaskUser.of(spec.task().command().user(), agentIsRoot);
        if (user.isPresent() && setpriv == null) {
            throw LaunchFailure.failed("the agent's PATH (" + agentPath + ") has no setpriv to run the task as user '"
                    + user.get().name() + "'", null);
        }
        List<String> argv = user.map(u -> u.wrap(setpriv, command.argv())).orElse(command.argv());
        SandboxMarkers markers = SandboxMarkers.in(spec.sandbox());
        TaskCgroup cgroup = null;
        ContainerRecord record;
        try {
            wrapper.install();
            markers.create();
            for (String output : List.of("stdout", "stderr")) {
                if (!Files.exists(spec.sandbox().resolve(output))) {
                    Files.createFile(spec.sandbox().resolve(output));
                }
            }
            if (user.isPresent()) {
                user.get().own(spec.sandbox());
            }
            cgroup = limiter.create(ContainerRecord.nameOf(spec.containerId()), spec.cpus(), spec.memMegabytes())
                    .orElse(null);
            record = ContainerRecord.of(spec.containerId(), spec.sandbox(), table.bootId(), spec.cpus(),
                    spec.memMegabytes(), cgroup);
            // Before the start: a crash from here on leaves an entry that recovery cleans up.
            index.write(record);
        } catch (IOException e) {
            discard(spec.containerId(), cgroup);
            throw LaunchFailure.failed("cannot prepare container " + spec.containerId() + ": " + e.getMessage(), e);
        }
        ProcessBuilder builder = new ProcessBuilder(wrapper.command(markers.dir(), spec.environment().get("PWD"),
                cgroup == null ? List.of() : cgroup.procsFiles(), argv))
                .directory(spec.sandbox().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.appendTo(spec.sandbox().resolve("stderr").toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        TaskPids pids;
        Process process;
        try {
            gate.await();
            launching.acquire();
        } catch (LaunchFailure | InterruptedException | RuntimeException e) {
            discard(spec.containerId(), cgroup);
            throw e;
        }
        try {
            try {
                process = builder.start();
            } catch (IOException e) {
                discard(spec.containerId(), cgroup);
                throw LaunchFailure.failed("cannot start the task wrapper: " + e.getMessage(), e);
            }
            try {
                pids = handshake(process, spec.sandbox());
            } catch (LaunchFailure | InterruptedException e) {
                process.destroyForcibly();
                destroy(record, markers.pids().orElse(null));
                process.onExit().join();
                discard(spec.containerId(), cgroup);
                throw e;
            }
        } finally {
            launching.release();
        }
        record = record.withPids(pids);
        try {
            index.write(record);
        } catch (IOException e) {
            // The sandbox markers have the pids too; recovery reads them from there.
            log.warn("Cannot record the pids of container {}: {}", spec.containerId(), e.toString());
        }
        log.info("Launched process container {} (task pid {}, cgroup {})", spec.containerId(), pids.taskPid(),
                cgroup == null ? "none" : cgroup.directories());
        return new ProcessContainer(record, process.onExit(), false, table, checks, clock);
    }

    /**
     * Known containers: running (the wrapper, or failing that the task, is still the process
     * that was started) → a handle that watches it; ended with a recorded status → a handle
     * that reports it at once; no trace → left out, and the core reports the task lost.
     * Entries of unknown containers are orphans: whatever of them runs is killed.
     */
    @Override
    public Recovery recover(Set<ContainerId> known) throws InterruptedException {
        Map<ContainerId, ContainerHandle> found = new HashMap<>();
        List<String> orphans = new ArrayList<>();
        String bootId = table.bootId();
        for (ContainerRecord entry : index.all()) {
            ContainerId id = entry.id();
            TaskPids pids = entry.pids() != null ? entry.pids() : entry.markers().pids().orElse(null);
            boolean thisBoot = bootId.equals(entry.bootId()) && pids != null;
            boolean wrapperRuns = thisBoot && table.alive(pids.wrapperPid(), pids.wrapperStart());
            boolean taskRuns = thisBoot && table.alive(pids.taskPid(), pids.taskStart());
            if (!known.contains(id)) {
                if (destroy(entry, thisBoot ? pids : null)) {
                    log.info("Killed orphan process container {}", id);
                    orphans.add(id.value());
                }
                discard(id, entry.cgroup().orElse(null));
            } else if (pids != null && (wrapperRuns || taskRuns || entry.markers().exitStatus().isPresent())) {
                ContainerRecord withPids = entry.withPids(pids);
                CompletableFuture<?> ended = wrapperRuns
                        ? ProcessContainer.watching(pids.wrapperPid(), pids.wrapperStart(), table)
                        : taskRuns ? ProcessContainer.watching(pids.taskPid(), pids.taskStart(), table)
                        : CompletableFuture.completedFuture(null);
                found.put(id, new ProcessContainer(withPids, ended, !wrapperRuns && !taskRuns, table, checks, clock));
            } else {
                log.info("Process container {} left no trace: it is lost", id);
                destroy(entry, null);
                discard(id, entry.cgroup().orElse(null));
            }
        }
        return new Recovery(found, orphans);
    }

    /**
     * Deletes the index entry and the cgroup; the sandbox stays. A container whose wrapper still
     * runs is left alone: without its entry nothing could find or kill it any more.
     */
    @Override
    public void remove(ContainerId id) {
        index.read(id).ifPresent(entry -> {
            TaskPids pids = entry.pids() != null ? entry.pids() : entry.markers().pids().orElse(null);
            if (pids != null && table.alive(pids.wrapperPid(), pids.wrapperStart())) {
                log.warn("Not removing container {}: it still runs (wrapper pid {})", id, pids.wrapperPid());
                return;
            }
            entry.cgroup().filter(cgroup -> !cgroup.remove()).ifPresent(cgroup ->
                    log.warn("Cgroup of container {} is still in use: {}", id, cgroup.pids()));
            index.delete(id);
        });
    }

    /**
     * Reads the wrapper's one line of pids. Its pipe closes without a line when the wrapper
     * could not start the task (its reason is then in the sandbox's stderr).
     */
    private TaskPids handshake(Process process, Path sandbox) throws LaunchFailure, InterruptedException {
        CompletableFuture<String> line = new CompletableFuture<>();
        Thread.ofVirtual().name("process-handshake-" + process.pid()).start(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                line.complete(in.readLine());
            } catch (IOException e) {
                line.completeExceptionally(e);
            }
        });
        try {
            String reported = line.get(properties.launchTimeout().toNanos(), TimeUnit.NANOSECONDS);
            if (reported == null) {
                throw LaunchFailure.failed("the task wrapper ended before starting the task (exit "
                        + process.waitFor() + ")" + stderrTail(sandbox), null);
            }
            return TaskPids.parse(reported);
        } catch (TimeoutException e) {
            throw LaunchFailure.failed("the task wrapper did not report within " + properties.launchTimeout(), e);
        } catch (ExecutionException | IllegalArgumentException e) {
            throw LaunchFailure.failed("cannot read the task wrapper's report: " + e.getMessage(), e);
        }
    }

    /**
     * Kills what runs of a container: the task's group, the wrapper, anything in its cgroup.
     *
     * @param pids null when they name nothing of ours (another boot) or are unknown
     * @return whether anything was running
     */
    private boolean destroy(ContainerRecord entry, TaskPids pids) throws InterruptedException {
        boolean running = false;
        if (pids != null) {
            running = table.alive(pids.wrapperPid(), pids.wrapperStart())
                    || table.alive(pids.taskPid(), pids.taskStart());
            if (table.ownsGroup(pids.taskPid(), pids.taskStart()) && !table.group(pids.taskPid()).isEmpty()) {
                running = true;
                table.signalGroup(pids.taskPid(), "KILL");
            }
            table.kill(pids.wrapperPid(), pids.wrapperStart());
        }
        TaskCgroup cgroup = entry.cgroup().orElse(null);
        if (cgroup != null) {
            for (long pid : cgroup.pids()) {
                running = true;
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        return running;
    }

    /** The end of the sandbox's stderr, where the wrapper says why it gave up. */
    private static String stderrTail(Path sandbox) {
        try {
            String stderr = Files.readString(sandbox.resolve("stderr")).strip();
            return stderr.isEmpty() ? "" : ": " + stderr.substring(Math.max(0, stderr.length() - STDERR_TAIL));
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Forgets a container that is no longer running: its cgroup (waiting a moment for processes
     * just killed) and its index entry. A cgroup still busy is logged and left behind, named
     * after its container, for an operator.
     */
    private void discard(ContainerId id, TaskCgroup cgroup) throws InterruptedException {
        if (cgroup != null && !cgroup.removeWithin(CGROUP_REMOVAL)) {
            log.warn("Cgroup of container {} is still in use, left behind: {}", id, cgroup.directories());
        }
        index.delete(id);
    }
}
