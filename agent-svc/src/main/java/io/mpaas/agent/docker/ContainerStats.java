package io.mpaas.agent.docker;

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
}
