package io.mpaas.marathon;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Marathon's objects that belong to no single feature: the clock. */
@Configuration(proxyBeanMethods = false)
class MarathonConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
