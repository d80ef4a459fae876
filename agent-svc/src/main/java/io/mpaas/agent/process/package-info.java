/**
 * The process containerizer: tasks without a Docker image run as a process group in their
 * sandbox, under a small {@code /bin/sh} wrapper that records their exit status so that an
 * agent restart loses nothing, and inside a cgroup with their memory and cpu limits when the
 * machine lets the agent create one.
 */
package io.mpaas.agent.process;
