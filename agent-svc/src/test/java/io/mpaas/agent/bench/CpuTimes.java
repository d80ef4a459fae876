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

    Map<String, Long> sample() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ticks.put(name, ticks(pid)));
        return ticks;
    }

    /** "agent 1.23 s, master 0.40 s, ..." between two samples. */
    static String between(Map<String, Long> before, Map<String, Long> after) {
        StringJoiner out = new StringJoiner(", ");
        before.forEach((name, ticks) -> out.add(String.format(java.util.Locale.ROOT, "%s %.2f s", name,
                (after.get(name) - ticks) / TICKS_PER_SECOND)));
        return out.toString();
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after "pid (comm) "
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
