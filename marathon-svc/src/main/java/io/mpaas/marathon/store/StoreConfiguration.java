package io.mpaas.marathon.store;

import io.mpaas.marathon.deployment.DeploymentRepository;
import io.mpaas.marathon.event.EventSubscriptionRepository;
import io.mpaas.marathon.framework.FrameworkIdRepository;
import io.mpaas.marathon.group.GroupRepository;
import io.mpaas.marathon.instance.InstanceRepository;
import io.mpaas.marathon.launch.LaunchDelayRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Marathon's stores on the service's database, as beans of the ports the features use. Boot's
 * {@link JdbcTemplate} is used because it is created after Flyway has migrated the schema.
 *
 * <p>Refuses to start without a configured database: with no {@code spring.datasource.url} Spring Boot
 * would quietly use an in-memory H2 database, and marathon would forget every app and task on restart.
 * Local mode ({@code ./platform up}) names its embedded database file explicitly.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
class StoreConfiguration {

    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;

    StoreConfiguration(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            @Value("${spring.datasource.url:}") String url) {
        if (url.isBlank()) {
            throw new IllegalStateException("Marathon's state needs a database: set spring.datasource.url (and"
                    + " username/password) to its PostgreSQL database, or run with the 'local' profile for an"
                    + " embedded one (./platform up)");
        }
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Bean
    GroupRepository groupRepository(StoreProperties properties) {
        return new JdbcGroupRepository(jdbc, transactions, properties.maxVersions());
    }

    @Bean
    InstanceRepository instanceRepository() {
        return new JdbcInstanceRepository(jdbc, transactions);
    }

    @Bean
    LaunchDelayRepository launchDelayRepository() {
        return new JdbcLaunchDelayRepository(jdbc, transactions);
    }

    @Bean
    DeploymentRepository deploymentRepository(GroupRepository groupRepository) {
        return new JdbcDeploymentRepository(jdbc, groupRepository);
    }

    @Bean
    FrameworkIdRepository frameworkIdRepository() {
        return new JdbcFrameworkIdRepository(jdbc);
    }

    @Bean
    EventSubscriptionRepository eventSubscriptionRepository() {
        return new JdbcEventSubscriptionRepository(jdbc);
    }
}
