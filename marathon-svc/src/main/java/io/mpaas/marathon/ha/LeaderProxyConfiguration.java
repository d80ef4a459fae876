package io.mpaas.marathon.ha;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the {@link LeaderProxyFilter} in front of Marathon's API ({@code /v2/*}, {@code /ping}, {@code /metrics}),
 * right after Spring Security's filter chain. The actuator, the UI and anything else stay local.
 */
@Configuration(proxyBeanMethods = false)
class LeaderProxyConfiguration {

    /**
     * After Spring Security's chain (at its default order, -100; moving {@code spring.security.filter.order} past
     * this would let standbys forward unauthenticated requests), before everything that reads the request.
     */
    static final int ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10;

    static final String[] URL_PATTERNS = {"/v2/*", "/ping", "/metrics", "/metrics/*"};

    @Bean
    LeaderForwarder leaderForwarder(LeaderProxyProperties properties) {
        return new LeaderForwarder(properties);
    }

    @Bean
    FilterRegistrationBean<LeaderProxyFilter> leaderProxyFilter(Leadership leadership, LeaderForwarder forwarder,
                                                                LeaderProxyProperties properties) {
        FilterRegistrationBean<LeaderProxyFilter> registration =
                new FilterRegistrationBean<>(new LeaderProxyFilter(leadership, forwarder, properties));
        registration.setName("leaderProxyFilter");
        registration.addUrlPatterns(URL_PATTERNS);
        registration.setOrder(ORDER);
        return registration;
    }
}
