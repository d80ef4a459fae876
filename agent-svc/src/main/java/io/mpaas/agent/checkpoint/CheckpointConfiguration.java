package io.mpaas.agent.checkpoint;

import io.mpaas.agent.AgentProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CheckpointConfiguration {

    /** Closed after the beans that use it (Spring closes in reverse order of creation): queued writes still land. */
    @Bean
    CheckpointWriter checkpointWriter() {
        return CheckpointWriter.started();
    }

    @Bean
    Checkpoints checkpoints(AgentProperties properties, CheckpointWriter writer) {
        return new Checkpoints(properties.workDir(), writer);
    }
}
