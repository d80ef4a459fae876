package io.mpaas.agent.process;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the agent runs process tasks ({@code mesos.agent.process.*}).
 *
 * @param cgroupsEnabled limit memory and cpu through cgroups when the machine allows; false for
 *     machines where another tool owns the cgroup tree, or to run several agents on one host
 *     without them seeing each other's cgroups
 * @param cgroupRoot where the cgroup file systems are mounted; only mounts under it are used
 * @param launchTimeout how long the wrapper may take to report that the task runs: it does so
 *     in milliseconds, so running out means the machine is in trouble and the launch fails
 *     rather than hangs the agent
 */
@ConfigurationProperties("mesos.agent.process")
public record ProcessProperties(
        @DefaultValue("true") boolean cgroupsEnabled,
        @DefaultValue("/sys/fs/cgroup") Path cgroupRoot,
        @DefaultValue("10s") Duration launchTimeout) {

    /** The defaults, for code that builds a containerizer without Spring. */
    public static ProcessProperties defaults() {
        return new ProcessProperties(true, Path.of("/sys/fs/cgroup"), Duration.ofSeconds(10));
    }
}
