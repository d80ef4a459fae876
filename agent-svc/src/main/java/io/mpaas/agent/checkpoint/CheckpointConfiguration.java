package io.mpaas.agent.checkpoint;

import io.mpaas.agent.AgentProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CheckpointConfiguration {

    @Bean
    Checkpoints checkpoints(AgentProperties properties) {
        return new Checkpoints(properties.workDir());
    }
}
