package io.mpaas.agent.process;

/**
 * What a task's cgroup says it used; any field may be null when the controller is not there.
 * Times in seconds, sizes in bytes, as in {@link io.mpaas.protocol.mesos.ResourceStatistics}.
 */
record CgroupUsage(Double userSecs, Double systemSecs, Long periods, Long throttledPeriods,
        Double throttledSecs, Long memTotalBytes, Long memRssBytes, Long memCacheBytes) {
}
