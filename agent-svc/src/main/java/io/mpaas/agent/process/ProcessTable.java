package io.mpaas.agent.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's process table as {@code /proc} shows it, and signals to whole process groups.
 * Java can signal one process ({@link ProcessHandle#destroy}) but not a group, and a group
 * signal is the only one that cannot miss a child forked a moment earlier; so group signals
 * go through the shell's {@code kill -s SIG -- -PGID}.
 */
final class ProcessTable {

    private static final Logger log = LoggerFactory.getLogger(ProcessTable.class);

    /** The usual USER_HZ on Linux, used when {@code getconf CLK_TCK} cannot be asked. */
    private static final long DEFAULT_CLOCK_TICKS = 100;

    private final Path proc;
    private final long clockTicksPerSecond;

    ProcessTable(Path proc) {
        this.proc = proc;
        this.clockTicksPerSecond = askClockTicks();
    }

    Optional<ProcStat> stat(long pid) {
        try {
            return Optional.of(ProcStat.parse(pid, Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"))));
        } catch (IOException | RuntimeException gone) {
            // Gone between listing and reading, or never there.
            return Optional.empty();
        }
    }

    /** Whether {@code pid} is still the process that started at {@code startTicks} and has not exited. */
    boolean alive(long pid, long startTicks) {
        return stat(pid).filter(s -> s.startTicks() == startTicks && !s.zombie()).isPresent();
    }

    /**
     * Whether signalling the group {@code -leader} reaches only processes of ours: the leader
     * is still the process we started, or it is gone and its group lives on (the kernel
     * does not hand out a pid that still names a group). A leader pid now used by another
     * process means the group is someone else's.
     */
    boolean ownsGroup(long leader, long leaderStartTicks) {
        Optional<ProcStat> now = stat(leader);
        if (now.isPresent()) {
            return now.get().startTicks() == leaderStartTicks;
        }
        return !group(leader).isEmpty();
    }

    /** The live (not zombie) members of process group {@code pgid}. */
    List<ProcStat> group(long pgid) {
        List<ProcStat> members = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
                    stat(Long.parseLong(name))
                            .filter(s -> s.processGroup() == pgid && !s.zombie())
                            .ifPresent(members::add);
                }
            }
        } catch (IOException e) {
            log.debug("Cannot list {}: {}", proc, e.toString());
        }
        return members;
    }

    /** Resident memory of {@code pid} (VmRSS), 0 when it has none or is gone. */
    long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(proc.resolve(Long.toString(pid)).resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // Exited meanwhile: nothing resident.
        }
        return 0;
    }

    double seconds(long ticks) {
        return (double) ticks / clockTicksPerSecond;
    }

    /** This boot's id: pids and start ticks of an earlier boot name nothing any more. */
    String bootId() {
        try {
            return Files.readString(proc.resolve("sys/kernel/random/boot_id")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Sends {@code signal} (TERM or KILL) to every process of group {@code pgid}.
     *
     * @return whether the signal reached at least one process
     */
    boolean signalGroup(long pgid, String signal) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -s \"$0\" -- \"-$1\" 2>/dev/null", signal,
                    Long.toString(pgid))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectErrorStream(true)
                    .start();
            return kill.waitFor() == 0;
        } catch (IOException e) {
            log.warn("Cannot run /bin/sh to send {} to process group {}: {}", signal, pgid, e.toString());
            return false;
        }
    }

    /** Sends SIGKILL to one process, if it is still the one that started at {@code startTicks}. */
    void kill(long pid, long startTicks) {
        if (alive(pid, startTicks)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static long askClockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("getconf CLK_TCK failed ({}); assuming {} Hz", e.toString(), DEFAULT_CLOCK_TICKS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DEFAULT_CLOCK_TICKS;
    }
}
