package io.mpaas.agent.fetcher;

/**
 * The fetcher's counters since the agent started, under Mesos's metric names
 * ({@code containerizer/fetcher/*}).
 *
 * @param taskFetchesSucceeded tasks whose URIs were all fetched ({@code task_fetches_succeeded})
 * @param taskFetchesFailed tasks whose fetch failed, timed out or was cancelled by a kill
 *     ({@code task_fetches_failed})
 * @param cacheSizeTotalBytes the cache's bound ({@code cache_size_total_bytes})
 * @param cacheSizeUsedBytes bytes the cache holds or has reserved ({@code cache_size_used_bytes})
 */
public record FetchStatistics(long taskFetchesSucceeded, long taskFetchesFailed, long cacheSizeTotalBytes,
        long cacheSizeUsedBytes) {
}
