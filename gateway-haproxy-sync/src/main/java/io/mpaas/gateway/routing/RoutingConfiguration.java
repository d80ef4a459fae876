package io.mpaas.gateway.routing;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the production host resolver: the system's DNS, cached. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    /** Uses the application's Clock bean when there is one, so that tests can move time. */
    @Bean
    @ConditionalOnMissingBean(HostResolver.class)
    HostResolver hostResolver(RoutingSettings settings, ObjectProvider<Clock> clock) {
        return DnsHostResolver.system(clock.getIfAvailable(Clock::systemUTC), settings);
    }
}
