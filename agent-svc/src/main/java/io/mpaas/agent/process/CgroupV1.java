package io.mpaas.agent.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A task's cgroup on cgroup v1, where each controller has its own hierarchy. Any of the three
 * may be null when that controller is not usable; {@code cpuacct} equals {@code cpu} when
 * both are mounted together ({@code cpu,cpuacct}).
 */
record CgroupV1(Path memory, Path cpu, Path cpuacct) implements TaskCgroup {

    @Override
    public List<Path> directories() {
        return Stream.of(memory, cpu, cpuacct).filter(Objects::nonNull).distinct().toList();
    }

    @Override
    public CgroupUsage usage(ProcessTable table) {
        Double user = null;
        Double system = null;
        if (cpuacct != null) {
            // cpuacct.stat counts USER_HZ ticks, like /proc/<pid>/stat.
            Map<String, Long> acct = TaskCgroup.keyedValues(cpuacct.resolve("cpuacct.stat"));
            user = acct.containsKey("user") ? table.seconds(acct.get("user")) : null;
            system = acct.containsKey("system") ? table.seconds(acct.get("system")) : null;
        }
        Map<String, Long> cpuStat = cpu == null ? Map.of() : TaskCgroup.keyedValues(cpu.resolve("cpu.stat"));
        Long throttledNanos = cpuStat.get("throttled_time");
        Map<String, Long> memStat = memory == null ? Map.of() : TaskCgroup.keyedValues(memory.resolve("memory.stat"));
        return new CgroupUsage(user, system, cpuStat.get("nr_periods"), cpuStat.get("nr_throttled"),
                throttledNanos == null ? null : throttledNanos / 1e9,
                memory == null ? null : TaskCgroup.singleValue(memory.resolve("memory.usage_in_bytes")),
                memStat.get("rss"), memStat.get("cache"));
    }

    @Override
    public boolean oomKilled() {
        if (memory == null) {
            return false;
        }
        // "oom_kill N" since Linux 4.13; failcnt is no evidence of a kill, so older kernels say false.
        Long kills = TaskCgroup.keyedValues(memory.resolve("memory.oom_control")).get("oom_kill");
        return kills != null && kills > 0;
    }
}
