package io.mpaas.agent.process;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The process containerizer bean. Its index lives under the agent's work dir, in
 * {@code meta/process}, next to the agent's own checkpoints: both must survive a restart
 * together, and an operator wiping {@code meta} (Mesos's workaround for an incompatible
 * agent) wipes both.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcessProperties.class)
public class ProcessContainerizerConfiguration {

    @Bean
    ProcessContainerizer processContainerizer(Clock clock,
            @Value("${mesos.agent.work-dir:${java.io.tmpdir}/mesos-agent}") Path workDir,
            ProcessProperties properties) {
        return new ProcessContainerizer(clock, workDir.resolve("meta").resolve("process"), properties);
    }
}
