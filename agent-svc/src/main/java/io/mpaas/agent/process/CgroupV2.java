package io.mpaas.agent.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A task's cgroup on the unified (v2) hierarchy: one directory for every controller. */
record CgroupV2(Path dir) implements TaskCgroup {

    @Override
    public List<Path> directories() {
        return List.of(dir);
    }

    @Override
    public CgroupUsage usage(ProcessTable table) {
        Map<String, Long> cpu = TaskCgroup.keyedValues(dir.resolve("cpu.stat"));
        Map<String, Long> mem = TaskCgroup.keyedValues(dir.resolve("memory.stat"));
        return new CgroupUsage(micros(cpu.get("user_usec")), micros(cpu.get("system_usec")), cpu.get("nr_periods"),
                cpu.get("nr_throttled"), micros(cpu.get("throttled_usec")),
                TaskCgroup.singleValue(dir.resolve("memory.current")), mem.get("anon"), mem.get("file"));
    }

    @Override
    public boolean oomKilled() {
        Long kills = TaskCgroup.keyedValues(dir.resolve("memory.events")).get("oom_kill");
        return kills != null && kills > 0;
    }

    private static Double micros(Long value) {
        return value == null ? null : value / 1e6;
    }
}
