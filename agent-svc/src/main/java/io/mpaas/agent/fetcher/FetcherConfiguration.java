package io.mpaas.agent.fetcher;

import io.mpaas.agent.AgentProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FetcherConfiguration {

    /** The cache lives in the work directory, beside the sandboxes it feeds: {@code <work-dir>/fetch/cache}. */
    @Bean
    Fetcher fetcher(FetcherProperties properties, AgentProperties agent) {
        return new Fetcher(properties, agent.workDir().resolve("fetch").resolve("cache"));
    }
}
