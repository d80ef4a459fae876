package io.mpaas.agent.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cgroup of one task: {@code mpaas/<containerId>} in each hierarchy the limiter uses.
 * The wrapper writes its own pid into {@link #procsFiles} before it starts the task, so the
 * task is inside from its first instruction and no fork can escape the limits.
 */
sealed interface TaskCgroup permits CgroupV1, CgroupV2 {

    /** Between attempts of {@link #removeWithin}. */
    Duration REMOVAL_RETRY = Duration.ofMillis(20);

    /** The directories of this cgroup, one per hierarchy (v2: one). */
    List<Path> directories();

    /** Where a process writes its pid to join (every hierarchy's {@code cgroup.procs}). */
    default List<Path> procsFiles() {
        return directories().stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    CgroupUsage usage(ProcessTable table);

    /** Whether the kernel OOM-killed a process of this cgroup. */
    boolean oomKilled();

    /** The pids in it now (a task's children that left its process group are still here). */
    default List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (Path procs : procsFiles()) {
            try {
                for (String line : Files.readAllLines(procs)) {
                    if (!line.isBlank() && !pids.contains(Long.parseLong(line.trim()))) {
                        pids.add(Long.parseLong(line.trim()));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // Already removed: nobody inside.
            }
        }
        return pids;
    }

    /**
     * Removes the directories (the kernel refuses while a process is inside, and frees an
     * exited one a moment after its parent reaped it).
     *
     * @return whether none is left
     */
    default boolean remove() {
        boolean removed = true;
        for (Path dir : directories()) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException busy) {
                removed = false;
            }
        }
        return removed;
    }

    /**
     * Removes the directories, retrying for up to {@code patience}: processes just killed or
     * just reaped leave their cgroup a moment later.
     *
     * @return whether none is left
     */
    default boolean removeWithin(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!remove()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(REMOVAL_RETRY);
        }
        return true;
    }

    /** Reads a file of {@code key value} lines (cpu.stat, memory.stat, ...); empty when missing. */
    static Map<String, Long> keyedValues(Path file) {
        Map<String, Long> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] kv = line.trim().split("\\s+");
                if (kv.length == 2) {
                    try {
                        values.put(kv[0], Long.parseLong(kv[1]));
                    } catch (NumberFormatException notANumber) {
                        // Lines such as "under_oom 0" parse; others are skipped.
                    }
                }
            }
        } catch (IOException e) {
            // No such controller file: no values.
        }
        return values;
    }

    /** Reads a file holding one number; null when missing or not a number ("max"). */
    static Long singleValue(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
