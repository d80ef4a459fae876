package io.mpaas.agent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * CPU time (user + system) of named processes, from {@code /proc/<pid>/stat}: on a shared
 * machine the wall-clock figures move with the neighbours' load, the CPU each process spent on
 * a launch much less.
 */
final class CpuTimes {

    /** Linux's USER_HZ, the unit of the stat fields, on every architecture the agent runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private static final String SHIM = "shim:";

    private final Map<String, Long> pids;

    CpuTimes(Map<String, Long> pids) {
        this.pids = pids;
    }

    /** The engine's daemons (dockerd, containerd) found by name, plus {@code others}. */
    static CpuTimes engineAnd(Map<String, Long> others) throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>(others);
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String comm = Files.readString(proc.resolve("comm")).trim();
                    if (comm.equals("dockerd") || comm.equals("containerd")) {
                        pids.put(comm, Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // the process ended meanwhile
                }
            }
        }
        return new CpuTimes(pids);
    }

    /**
     * The named processes' ticks, and ("shim:pid") those of every containerd shim with the runc
     * runs it waited for (one shim per container: the engine's work outside dockerd and
     * containerd). {@link #between} sums the shims of the later sample: take it while the
     * containers still exist.
     */
    Map<String, Long> sample() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ticks.put(name, ticks(pid)));
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (Files.readString(proc.resolve("comm")).startsWith("containerd-shim")) {
                        ticks.put(SHIM + proc.getFileName(), statTicks(proc.resolve("stat"), true));
                    }
                } catch (IOException | RuntimeException e) {
                    // ended meanwhile
                }
            }
        } catch (IOException e) {
            // no /proc: no shims
        }
        return ticks;
    }

    /**
     * "agent 1.23 s, master 0.40 s, ..., all 4.10 s = 0.85 of 2 cores" between two samples taken
     * {@code seconds} apart: the last part says how busy these processes kept the machine.
     */
    static String between(Map<String, Long> before, Map<String, Long> after, double seconds) {
        StringJoiner out = new StringJoiner(", ");
        long all = 0;
        long shims = 0;
        for (var entry : after.entrySet()) {
            long used = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            all += used;
            if (entry.getKey().startsWith(SHIM)) {
                shims += used;
            } else {
                out.add(String.format(java.util.Locale.ROOT, "%s %.2f s", entry.getKey(), used / TICKS_PER_SECOND));
            }
        }
        out.add(String.format(java.util.Locale.ROOT, "shims %.2f s", shims / TICKS_PER_SECOND));
        int cores = Runtime.getRuntime().availableProcessors();
        out.add(String.format(java.util.Locale.ROOT, "all %.2f s = %.2f of %d cores", all / TICKS_PER_SECOND,
                all / TICKS_PER_SECOND / seconds / cores, cores));
        return out.toString();
    }

    /**
     * CPU ticks per thread group of one process ({@code /proc/<pid>/task/<tid>}), groups named by
     * the thread name without digits ("C2 CompilerThread", "ForkJoinPool-worker-" for virtual
     * threads' carriers, "HttpClient-Worker-"). Threads that ended between two samples are missing
     * from the later one; the groups that matter live as long as the process.
     */
    static Map<String, Long> threadsOf(long pid) {
        Map<String, Long> groups = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9#]+", "");
                    groups.merge(name, statTicks(task.resolve("stat"), false), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return groups;
        }
        return groups;
    }

    /** "C2 CompilerThread 0.41 s, ..." for the groups that used at least 10 ms between two samples, most first. */
    static String threadsBetween(Map<String, Long> before, Map<String, Long> after) {
        StringJoiner out = new StringJoiner(", ");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.add(String.format(java.util.Locale.ROOT, "%s %.2f s", e.getKey(),
                        e.getValue() / TICKS_PER_SECOND)));
        return out.toString();
    }

    private static long ticks(long pid) {
        try {
            return statTicks(Path.of("/proc", Long.toString(pid), "stat"), false);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime + stime, and with {@code children} the waited-for children's too (cutime, cstime). */
    private static long statTicks(Path statFile, boolean children) throws IOException {
        String stat = Files.readString(statFile);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime, stime, cutime, cstime are fields 14 to 17 of the whole line, 12 to 15 after "pid (comm) "
        long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return children ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
    }
}
