package io.mpaas.agent;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The agent's identity on its machine.
 *
 * @param workDir checkpoints ({@code meta/}) and task sandboxes ({@code slaves/}); must survive
 *     agent restarts, or running tasks cannot be recovered
 * @param hostname the name offers and {@code HOST} carry; the machine's name when unset
 * @param ip the address the master and health checks use for this agent; the address of the
 *     hostname when unset
 */
@ConfigurationProperties("mesos.agent")
public record AgentProperties(
        Path workDir,
        String hostname,
        String ip) {

    public AgentProperties {
        workDir = (workDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "mesos-agent") : workDir)
                .toAbsolutePath().normalize();
    }
}
