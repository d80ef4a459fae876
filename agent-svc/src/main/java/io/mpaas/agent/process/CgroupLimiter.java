package io.mpaas.agent.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides once, at start, how this machine lets the agent limit process tasks, and then makes
 * one cgroup per task under {@code mpaas/} in the hierarchies it found usable.
 *
 * <p>Detection reads {@code /proc/self/mountinfo} rather than guessing from paths, because
 * machines differ: v1 with {@code cpu} and {@code cpuacct} mounted apart or together, hybrid
 * (v1 controllers plus an empty v2 {@code unified}), or pure v2. A v1 memory or cpu hierarchy
 * wins when there is one, since on a hybrid machine the controllers are bound to v1 and the v2
 * tree has none. "Usable" means the agent could create (or write into) {@code mpaas/}; and on
 * v2 that it could enable the controllers for its children. When nothing is usable, tasks run
 * without limits and the reason is logged once and kept in {@link #limits()}.
 */
final class CgroupLimiter {

    private static final Logger log = LoggerFactory.getLogger(CgroupLimiter.class);

    /** The directory, in each hierarchy, that holds one cgroup per task (Mesos: {@code mesos}). */
    static final String PARENT = "mpaas";

    private final ProcessLimits limits;
    private final Path memoryParent;
    private final Path cpuParent;
    private final Path cpuacctParent;
    private final Path unifiedParent;

    private CgroupLimiter(ProcessLimits limits, Path memoryParent, Path cpuParent, Path cpuacctParent,
            Path unifiedParent) {
        this.limits = limits;
        this.memoryParent = memoryParent;
        this.cpuParent = cpuParent;
        this.cpuacctParent = cpuacctParent;
        this.unifiedParent = unifiedParent;
    }

    /**
     * Looks at the cgroup mounts under {@code root}.
     *
     * @param enabled false turns limits off whatever the machine offers
     * @param mountinfo normally {@code /proc/self/mountinfo}
     */
    static CgroupLimiter detect(boolean enabled, Path root, Path mountinfo) {
        CgroupLimiter limiter = enabled ? probe(root, mountinfo)
                : without("cgroups disabled by mesos.agent.process.cgroups-enabled=false");
        if (limiter.limits.memory() || limiter.limits.cpu()) {
            log.info("Process tasks are limited through cgroups: {}", limiter.limits.reason());
        } else {
            log.warn("Process tasks run without memory or cpu limits: {}", limiter.limits.reason());
        }
        return limiter;
    }

    ProcessLimits limits() {
        return limits;
    }

    /**
     * Creates the cgroup of one task with its limits set, or nothing when no limit can be
     * enforced here.
     *
     * @param name the cgroup's directory name (a safe form of the container id)
     * @param memMegabytes 0 for no memory limit (the cgroup still accounts the task's memory)
     */
    Optional<TaskCgroup> create(String name, double cpus, double memMegabytes) throws IOException {
        long memBytes = (long) (memMegabytes * 1024 * 1024);
        long shares = Math.max(2, Math.round(1024 * cpus));
        List<Path> made = new ArrayList<>();
        try {
            if (unifiedParent != null) {
                Path dir = make(unifiedParent.resolve(name), made);
                if (limits.memory() && memBytes > 0) {
                    Files.writeString(dir.resolve("memory.max"), Long.toString(memBytes));
                }
                if (limits.cpu() && cpus > 0) {
                    // The conversion runc and systemd use, shares [2, 262144] onto weight [1, 10000].
                    Files.writeString(dir.resolve("cpu.weight"), Long.toString(1 + ((shares - 2) * 9999) / 262142));
                }
                return Optional.of(new CgroupV2(dir));
            }
            if (memoryParent == null && cpuParent == null) {
                return Optional.empty();
            }
            Path memory = memoryParent == null ? null : make(memoryParent.resolve(name), made);
            if (memory != null && memBytes > 0) {
                Files.writeString(memory.resolve("memory.limit_in_bytes"), Long.toString(memBytes));
            }
            Path cpu = cpuParent == null ? null : make(cpuParent.resolve(name), made);
            if (cpu != null && cpus > 0) {
                Files.writeString(cpu.resolve("cpu.shares"), Long.toString(shares));
            }
            Path cpuacct = cpuacctParent == null ? null
                    : cpuacctParent.equals(cpuParent) ? cpu : make(cpuacctParent.resolve(name), made);
            return Optional.of(new CgroupV1(memory, cpu, cpuacct));
        } catch (IOException e) {
            for (Path dir : made.reversed()) {
                Files.deleteIfExists(dir);
            }
            throw e;
        }
    }

    private static Path make(Path dir, List<Path> made) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir);
            made.add(dir);
        }
        return dir;
    }

    private static CgroupLimiter without(String reason) {
        return new CgroupLimiter(ProcessLimits.none(reason), null, null, null, null);
    }

    private static CgroupLimiter probe(Path root, Path mountinfo) {
        List<Mount> mounts;
        try {
            mounts = Mount.parse(Files.readAllLines(mountinfo)).stream()
                    .filter(m -> m.point().startsWith(root)).toList();
        } catch (IOException e) {
            return without("cannot read " + mountinfo + ": " + e.getMessage());
        }
        Optional<Mount> memory = mounts.stream().filter(m -> m.v1("memory")).findFirst();
        Optional<Mount> cpu = mounts.stream().filter(m -> m.v1("cpu")).findFirst();
        Optional<Mount> cpuacct = mounts.stream().filter(m -> m.v1("cpuacct")).findFirst();
        if (memory.isPresent() || cpu.isPresent()) {
            return v1(memory, cpu, cpuacct);
        }
        return mounts.stream().filter(m -> m.type().equals("cgroup2")).findFirst()
                .map(CgroupLimiter::v2)
                .orElseGet(() -> without("no cgroup hierarchy is mounted under " + root));
    }

    private static CgroupLimiter v1(Optional<Mount> memoryMount, Optional<Mount> cpuMount,
            Optional<Mount> cpuacctMount) {
        List<String> notes = new ArrayList<>();
        Path memory = memoryMount.map(m -> parentIn(m.point(), "memory", notes)).orElse(null);
        Path cpu = cpuMount.map(m -> parentIn(m.point(), "cpu", notes)).orElse(null);
        Path cpuacct = cpuacctMount.map(m -> m.point().equals(cpuMount.map(Mount::point).orElse(null)) ? cpu
                : parentIn(m.point(), "cpuacct", notes)).orElse(null);
        if (memoryMount.isEmpty()) {
            notes.add("no memory hierarchy mounted");
        }
        if (cpuMount.isEmpty()) {
            notes.add("no cpu hierarchy mounted");
        }
        StringBuilder reason = new StringBuilder("cgroup v1");
        if (memory != null) {
            reason.append(", memory limits in ").append(memory);
        }
        if (cpu != null) {
            reason.append(", cpu shares in ").append(cpu);
        }
        notes.forEach(n -> reason.append("; ").append(n));
        return new CgroupLimiter(new ProcessLimits(memory != null, cpu != null, reason.toString()), memory, cpu,
                cpuacct, null);
    }

    /** {@code <mount>/mpaas}, created if needed; null (with a note why) when the agent may not write there. */
    private static Path parentIn(Path mountPoint, String controller, List<String> notes) {
        Path parent = mountPoint.resolve(PARENT);
        try {
            Files.createDirectories(parent);
            if (Files.isWritable(parent)) {
                return parent;
            }
            notes.add(controller + " hierarchy " + parent + " is not writable");
        } catch (IOException e) {
            notes.add("cannot create " + parent + " (" + e + ")");
        }
        return null;
    }

    private static CgroupLimiter v2(Mount mount) {
        Path root = mount.point();
        Set<String> wanted = new LinkedHashSet<>(controllers(root.resolve("cgroup.controllers")));
        wanted.retainAll(List.of("memory", "cpu"));
        if (wanted.isEmpty()) {
            return without("cgroup v2 at " + root + " offers neither the memory nor the cpu controller");
        }
        Path parent = root.resolve(PARENT);
        try {
            Files.createDirectories(parent);
            for (String controller : wanted) {
                // Each level must pass the controller down: root to mpaas, mpaas to the tasks.
                enable(root, controller);
                enable(parent, controller);
            }
        } catch (IOException e) {
            // Typically EBUSY: the root is the agent's own (namespaced) cgroup and holds processes,
            // which cgroup v2 forbids for a cgroup that hands controllers to children.
            return without("cgroup v2 at " + root + ": cannot enable " + wanted + " for " + parent + " (" + e
                    + ")");
        }
        Set<String> delegated = controllers(parent.resolve("cgroup.subtree_control"));
        boolean memory = delegated.contains("memory");
        boolean cpu = delegated.contains("cpu");
        if (!memory && !cpu) {
            return without("cgroup v2 at " + root + ": no controller could be enabled for " + parent);
        }
        String reason = "cgroup v2 at " + parent + (memory ? ", memory.max" : "") + (cpu ? ", cpu.weight" : "");
        return new CgroupLimiter(new ProcessLimits(memory, cpu, reason), null, null, null, parent);
    }

    private static void enable(Path cgroup, String controller) throws IOException {
        if (!controllers(cgroup.resolve("cgroup.subtree_control")).contains(controller)) {
            Files.writeString(cgroup.resolve("cgroup.subtree_control"), "+" + controller);
        }
    }

    private static Set<String> controllers(Path file) {
        try {
            return new LinkedHashSet<>(Arrays.asList(Files.readString(file).trim().split("\\s+")));
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** One line of mountinfo: where a file system is mounted, its type and its super options. */
    private record Mount(Path point, String type, Set<String> options) {

        static List<Mount> parse(List<String> lines) {
            List<Mount> mounts = new ArrayList<>();
            for (String line : lines) {
                // "36 35 98:0 / /sys/fs/cgroup/memory rw,relatime shared:1 - cgroup cgroup rw,memory"
                int dash = line.indexOf(" - ");
                if (dash < 0) {
                    continue;
                }
                String[] left = line.substring(0, dash).split(" ");
                String[] right = line.substring(dash + 3).split(" ");
                if (left.length >= 5 && right.length >= 3) {
                    mounts.add(new Mount(Path.of(left[4].replace("\\040", " ")), right[0],
                            Set.copyOf(Arrays.asList(right[2].split(",")))));
                }
            }
            return mounts;
        }

        boolean v1(String controller) {
            return type.equals("cgroup") && options.contains(controller);
        }
    }
}
