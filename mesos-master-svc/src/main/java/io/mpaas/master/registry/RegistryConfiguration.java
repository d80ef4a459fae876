package io.mpaas.master.registry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * Wires the JPA registry, and refuses to start on an unconfigured database: without
 * {@code spring.datasource.url} Spring Boot would quietly use an in-memory H2 database and the
 * registry would not survive a restart. Only local mode ({@code ./platform up}, profile
 * {@code local}) may use the embedded database.
 */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(considerNestedRepositories = true, basePackageClasses = RegistryRepositories.class)
class RegistryConfiguration {

    @Bean
    Registry registry(RegistryRepositories.Agents agents, RegistryRepositories.Weights weights,
            RegistryRepositories.Quotas quotas, RegistryRepositories.Maintenance maintenance,
            @Value("${spring.datasource.url:}") String url,
            @Value("${mesos.master.registry.allow-embedded:false}") boolean allowEmbedded) {
        if (url.isBlank() || (url.startsWith("jdbc:h2:") && !allowEmbedded)) {
            throw new IllegalStateException("The master's registry needs a database: set spring.datasource.url"
                    + " (and username/password) to its PostgreSQL database, or run with the 'local' profile for"
                    + " an embedded one (./platform up)");
        }
        return new JpaRegistry(agents, weights, quotas, maintenance);
    }
}
