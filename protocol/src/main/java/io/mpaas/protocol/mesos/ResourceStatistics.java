package io.mpaas.protocol.mesos;

/**
 * Mesos's {@code ResourceStatistics}: what one container uses, as the agent's
 * {@code /monitor/statistics} serves it (the fields the Docker and process containerizers
 * can measure). Times in seconds, sizes in bytes, {@code timestamp} in seconds since the epoch.
 */
public record ResourceStatistics(
        Double timestamp,
        Integer processes,
        Integer threads,
        Double cpusUserTimeSecs,
        Double cpusSystemTimeSecs,
        Double cpusLimit,
        Long cpusNrPeriods,
        Long cpusNrThrottled,
        Double cpusThrottledTimeSecs,
        Long memTotalBytes,
        Long memRssBytes,
        Long memLimitBytes,
        Long memCacheBytes,
        Long netRxBytes,
        Long netTxBytes) {
}
