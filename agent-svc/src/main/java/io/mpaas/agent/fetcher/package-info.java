/**
 * The fetcher: puts a task's {@code command.uris} into its sandbox before its container
 * starts, the way Mesos's fetcher does ({@code docs/fetcher.md}, {@code src/launcher/fetcher.cpp},
 * {@code src/slave/containerizer/fetcher.cpp}).
 *
 * <p>{@link io.mpaas.agent.fetcher.FetchPlan} checks and names the URIs (a URI the agent cannot
 * serve, or an {@code output_file} outside the sandbox, is the task's fault: TASK_ERROR);
 * {@link io.mpaas.agent.fetcher.Fetcher} downloads them on a virtual thread of their own, so a
 * KILL abandons the fetch at once and the agent's event handling never waits for a download.
 * {@code cache: true} goes through the agent-wide {@code FetcherCache} (LRU, bounded in bytes,
 * one download for concurrent askers); archives are unpacked by {@code ArchiveExtractor}, which
 * refuses entries that would land outside the sandbox.
 */
package io.mpaas.agent.fetcher;
