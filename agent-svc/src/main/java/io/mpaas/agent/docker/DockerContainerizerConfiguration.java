package io.mpaas.agent.docker;

import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Docker containerizer's beans. An engine that is down at startup is not fatal: the
 * agent still runs process tasks, and {@link DockerContainerizer#available} notices when the
 * engine comes back.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DockerProperties.class)
public class DockerContainerizerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DockerContainerizerConfiguration.class);

    /** Does not connect: docker-java connects on the first request. */
    @Bean
    DockerJavaEngine dockerEngine(DockerProperties properties) {
        return new DockerJavaEngine(properties);
    }

    @Bean
    DockerContainerizer dockerContainerizer(DockerEngine dockerEngine, DockerProperties properties, Clock clock,
            @Value("${mesos.agent.work-dir:${java.io.tmpdir}/mesos-agent}") Path workDir) {
        DockerContainerizer containerizer = new DockerContainerizer(dockerEngine, properties, workDir, clock);
        if (containerizer.available()) {
            log.info("Docker engine at {} answers; Docker tasks can run", dockerEngine.host());
        }
        return containerizer;
    }
}
