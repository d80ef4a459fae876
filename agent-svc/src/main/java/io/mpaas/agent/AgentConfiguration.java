package io.mpaas.agent;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The few beans every feature of the agent shares. */
@Configuration(proxyBeanMethods = false)
class AgentConfiguration {

    /** The agent's one clock: scheduling decisions read time from here, so tests can move it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
