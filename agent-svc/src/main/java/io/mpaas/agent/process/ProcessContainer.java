package io.mpaas.agent.process;

import io.mpaas.agent.container.ContainerExit;
import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.agent.container.ExecResult;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.ResourceStatistics;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process task, launched or recovered: its wrapper, its process group and its cgroup.
 *
 * <p>The container has ended when the process being watched has: normally the wrapper (the
 * agent's child after a launch, any process after a restart, since {@link ProcessHandle#onExit}
 * also watches non-children); the task itself when the wrapper died first. The exit status is
 * then read from the sandbox, where the wrapper wrote it, so a launched and a recovered
 * container report the same way.
 */
final class ProcessContainer implements ContainerHandle {

    private static final Logger log = LoggerFactory.getLogger(ProcessContainer.class);

    /** How often {@link #kill} looks whether the task's group is gone during the grace period. */
    private static final Duration KILL_POLL = Duration.ofMillis(20);

    /** How long KILL is repeated while the task has not reached its process group and cgroup yet. */
    private static final Duration KILL_REPEAT = Duration.ofSeconds(5);

    /** How long an exited container's cgroup removal is retried while the kernel frees its last processes. */
    private static final Duration CGROUP_REMOVAL = Duration.ofSeconds(2);

    private final ContainerRecord record;
    private final TaskPids pids;
    private final TaskCgroup cgroup;
    private final ProcessTable table;
    private final CheckCommandRunner checks;
    private final Clock clock;
    private final CompletableFuture<ContainerExit> exit;
    /** False for a container of an earlier boot: its pids name other processes now, never to be signalled. */
    private final boolean thisBoot;
    private volatile boolean killRequested;

    /**
     * @param record the index entry, with pids
     * @param ended completes when the watched process has ended
     * @param endedWhileAway the container ended before this agent started: its end time is
     *     then the exit file's, not the moment the agent noticed
     */
    ProcessContainer(ContainerRecord record, CompletableFuture<?> ended, boolean endedWhileAway, ProcessTable table,
            CheckCommandRunner checks, Clock clock) {
        this.record = record;
        this.pids = record.pids();
        this.cgroup = record.cgroup().orElse(null);
        this.table = table;
        this.checks = checks;
        this.clock = clock;
        this.thisBoot = table.bootId().equals(record.bootId());
        this.exit = ended.handle((ignored, error) -> endedWhileAway)
                .thenApplyAsync(this::finish, task -> Thread.ofVirtual().name("process-exit-" + id()).start(task));
    }

    @Override
    public ContainerId id() {
        return record.id();
    }

    @Override
    public ContainerExit awaitExit() throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the exit of container " + id() + " failed", e.getCause());
        }
    }

    /**
     * TERM to the task's process group, then KILL to the group (and to anything else in its
     * cgroup but the wrapper, which must live to record the status) when something of it is
     * still there after {@code grace}.
     */
    @Override
    public void kill(Duration grace) {
        if (exit.isDone() || !thisBoot) {
            // Ended already: a kill now changes nothing, and must not turn its exit into a kill after a restart.
            return;
        }
        killRequested = true;
        record.markers().markKilled();
        try {
            long deadline = System.nanoTime() + grace.toNanos();
            if (table.ownsGroup(pids.taskPid(), pids.taskStart())) {
                table.signalGroup(pids.taskPid(), "TERM");
            }
            while (!gone() && System.nanoTime() < deadline) {
                Thread.sleep(KILL_POLL);
            }
            if (!gone()) {
                log.info("Container {} still runs {} after TERM: sending KILL", id(), grace);
                killRemains(true);
            }
            // A kill right after launch can come before the wrapper has put the task in its own
            // process group and cgroup, so the signals above found nothing to hit: send KILL
            // again until the task is gone, for as long as the wrapper may take to get there.
            long killDeadline = System.nanoTime() + KILL_REPEAT.toNanos();
            while (!gone() && !exit.isDone() && System.nanoTime() < killDeadline) {
                Thread.sleep(KILL_POLL);
                killRemains(true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public ExecResult exec(String shellCommand, Map<String, String> environment, Duration timeout)
            throws InterruptedException {
        return checks.run(Path.of(record.sandbox()), shellCommand, environment, timeout);
    }

    /** Processes listen on the machine's loopback like everything else on the host network. */
    @Override
    public InetSocketAddress probeAddress(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /**
     * From the cgroup when the task has one (it counts every process the task ever started),
     * otherwise summed over the task's process group from {@code /proc}.
     */
    @Override
    public Optional<ResourceStatistics> statistics() {
        if (exit.isDone()) {
            return Optional.empty();
        }
        List<ProcStat> members = members();
        if (members.isEmpty()) {
            return Optional.empty();
        }
        long user = 0;
        long system = 0;
        int threads = 0;
        long rss = 0;
        for (ProcStat member : members) {
            user += member.userTicks();
            system += member.systemTicks();
            threads += member.threads();
            rss += table.rssBytes(member.pid());
        }
        CgroupUsage usage = cgroup == null
                ? new CgroupUsage(null, null, null, null, null, null, null, null)
                : cgroup.usage(table);
        return Optional.of(new ResourceStatistics(clock.millis() / 1000.0, members.size(), threads,
                either(usage.userSecs(), table.seconds(user)), either(usage.systemSecs(), table.seconds(system)),
                record.cpus() > 0 ? record.cpus() : null, usage.periods(), usage.throttledPeriods(),
                usage.throttledSecs(), usage.memTotalBytes(), either(usage.memRssBytes(), rss),
                record.memMegabytes() > 0 ? (long) (record.memMegabytes() * 1024 * 1024) : null,
                usage.memCacheBytes(), null, null));
    }

    @Override
    public Optional<Long> pid() {
        return Optional.of(pids.taskPid());
    }

    private List<ProcStat> members() {
        if (cgroup != null) {
            return cgroup.pids().stream().flatMap(pid -> table.stat(pid).stream()).filter(s -> !s.zombie()).toList();
        }
        return table.group(pids.taskPid());
    }

    /** The task has ended and nothing is left in its process group. */
    private boolean gone() {
        return !table.alive(pids.taskPid(), pids.taskStart()) && table.group(pids.taskPid()).isEmpty();
    }

    /**
     * KILL to the task's group and to whatever else is in its cgroup (processes that left the
     * group). The wrapper is in the cgroup too, and so are the {@code mv} it forks to record
     * the status: while it is to survive, its own process group (its pid) is spared.
     */
    private void killRemains(boolean spareWrapper) throws InterruptedException {
        if (!thisBoot) {
            return;
        }
        if (table.ownsGroup(pids.taskPid(), pids.taskStart())) {
            table.signalGroup(pids.taskPid(), "KILL");
        }
        if (cgroup != null) {
            for (long pid : cgroup.pids()) {
                boolean wrappers = table.stat(pid).map(s -> s.processGroup() == pids.wrapperPid()).orElse(true);
                if (!(spareWrapper && wrappers)) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    /**
     * The exit: nothing of an ended container may keep running (Mesos destroys the whole
     * container), so stragglers go first; then the status the wrapper recorded, whether the
     * kernel OOM-killed something, and the cgroup is removed.
     */
    private ContainerExit finish(boolean endedWhileAway) {
        Instant observed = clock.instant();
        try {
            killRemains(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SandboxMarkers markers = record.markers();
        Integer code = markers.exitStatus().orElse(null);
        boolean killed = killRequested || markers.killed();
        boolean oom = cgroup != null && cgroup.oomKilled();
        if (cgroup != null) {
            removeCgroup();
        }
        String message = code == null ? "the task's wrapper ended without recording an exit status"
                : oom ? "the task exceeded its memory limit and the kernel killed it" : null;
        Instant at = endedWhileAway ? markers.exitTime().orElse(observed) : observed;
        return new ContainerExit(code, killed, oom, message, at);
    }

    private void removeCgroup() {
        try {
            if (!cgroup.removeWithin(CGROUP_REMOVAL)) {
                log.warn("Cgroup of container {} still busy ({}); remove() tries again", id(), cgroup.directories());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Double either(Double preferred, double fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static Long either(Long preferred, long fallback) {
        return preferred != null ? preferred : fallback;
    }

    /**
     * Completes when the process {@code pid} that started at {@code startTicks} has ended (at
     * once if it has). For a process that is not its child, Java polls: from every 300 ms,
     * slowing to every 5 s, so a recovered container's exit is noticed within seconds.
     */
    static CompletableFuture<?> watching(long pid, long startTicks, ProcessTable table) {
        if (!table.alive(pid, startTicks)) {
            return CompletableFuture.completedFuture(null);
        }
        return ProcessHandle.of(pid).<CompletableFuture<?>>map(ProcessHandle::onExit)
                .orElseGet(() -> CompletableFuture.completedFuture(null));
    }
}
