package io.mpaas.agent.docker;

import com.github.dockerjava.api.model.Statistics;

/**
 * One sample of a container's resource use, as the engine's stats report it (cgroup
 * counters): CPU times in nanoseconds, sizes in bytes; null where the engine gave nothing.
 *
 * @param cpuUserNanos CPU time spent in user mode
 * @param cpuSystemNanos CPU time spent in kernel mode
 * @param cpuPeriods CFS periods elapsed
 * @param cpuThrottledPeriods CFS periods in which the container was throttled
 * @param cpuThrottledNanos time the container was throttled
 * @param memoryUsage memory in use, page cache included
 * @param memoryLimit the memory limit the kernel enforces (the host's memory when none)
 * @param memoryCache page cache
 * @param memoryRss anonymous memory (resident set without the cache)
 * @param pids tasks (processes and threads) in the container's cgroup
 * @param networkRxBytes received over all networks
 * @param networkTxBytes sent over all networks
 */
public record ContainerStats(
        Long cpuUserNanos,
        Long cpuSystemNanos,
        Long cpuPeriods,
        Long cpuThrottledPeriods,
        Long cpuThrottledNanos,
        Long memoryUsage,
        Long memoryLimit,
        Long memoryCache,
        Long memoryRss,
        Long pids,
        Long networkRxBytes,
        Long networkTxBytes) {

    /**
     * What docker-java's stats say, in the port's terms. On cgroup v1 the hierarchical
     * {@code total_*} counters are preferred; cgroup v2 has no rss or cache counter here.
     */
    static ContainerStats of(Statistics s) {
        var cpu = s.getCpuStats();
        var usage = cpu == null ? null : cpu.getCpuUsage();
        var throttling = cpu == null ? null : cpu.getThrottlingData();
        var memory = s.getMemoryStats();
        var detail = memory == null ? null : memory.getStats();
        Long cache = detail == null ? null : firstNonNull(detail.getTotalCache(), detail.getCache());
        Long rss = detail == null ? null : firstNonNull(detail.getTotalRss(), detail.getRss());
        long rx = 0;
        long tx = 0;
        boolean network = s.getNetworks() != null && !s.getNetworks().isEmpty();
        if (network) {
            for (var n : s.getNetworks().values()) {
                rx += n.getRxBytes() == null ? 0 : n.getRxBytes();
                tx += n.getTxBytes() == null ? 0 : n.getTxBytes();
            }
        }
        return new ContainerStats(
                usage == null ? null : usage.getUsageInUsermode(),
                usage == null ? null : usage.getUsageInKernelmode(),
                throttling == null ? null : throttling.getPeriods(),
                throttling == null ? null : throttling.getThrottledPeriods(),
                throttling == null ? null : throttling.getThrottledTime(),
                memory == null ? null : memory.getUsage(),
                memory == null ? null : memory.getLimit(),
                cache, rss,
                s.getPidsStats() == null ? null : s.getPidsStats().getCurrent(),
                network ? rx : null, network ? tx : null);
    }

    private static Long firstNonNull(Long a, Long b) {
        return a != null ? a : b;
    }
}
