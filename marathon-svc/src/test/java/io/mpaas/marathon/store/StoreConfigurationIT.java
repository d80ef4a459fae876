package io.mpaas.marathon.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.DeploymentRepository;
import io.mpaas.marathon.event.EventSubscriptionRepository;
import io.mpaas.marathon.framework.FrameworkIdRepository;
import io.mpaas.marathon.group.GroupRepository;
import io.mpaas.marathon.instance.InstanceRepository;
import io.mpaas.marathon.launch.LaunchDelayRepository;
import io.mpaas.testkit.postgres.PostgresDatabaseExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestConstructor;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stores as the service wires them, on real PostgreSQL: schema by Flyway from nothing, Hibernate's
 * {@code ddl-auto=validate} as the service runs, the ports as beans, {@code marathon.store.*} bound.
 */
@DataJpaTest(properties = {"spring.jpa.hibernate.ddl-auto=validate", "spring.flyway.enabled=true",
        "marathon.store.max-versions=2"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(StoreConfiguration.class)
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@DirtiesContext
class StoreConfigurationIT {

    @RegisterExtension
    static final PostgresDatabaseExtension POSTGRES = new PostgresDatabaseExtension("marathon_store_config");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", POSTGRES::jdbcUrl);
        properties.add("spring.datasource.username", POSTGRES::user);
        properties.add("spring.datasource.password", POSTGRES::password);
    }

    private final GroupRepository groups;
    private final InstanceRepository instances;
    private final LaunchDelayRepository delays;
    private final DeploymentRepository deployments;
    private final FrameworkIdRepository frameworkId;
    private final EventSubscriptionRepository subscriptions;

    StoreConfigurationIT(GroupRepository groups, InstanceRepository instances, LaunchDelayRepository delays,
            DeploymentRepository deployments, FrameworkIdRepository frameworkId,
            EventSubscriptionRepository subscriptions) {
        this.groups = groups;
        this.instances = instances;
        this.delays = delays;
        this.deployments = deployments;
        this.frameworkId = frameworkId;
        this.subscriptions = subscriptions;
    }

    @Test
    void everyPortIsBackedByTheDatabase() {
        assertThat(List.of(groups, instances, delays, deployments, frameworkId, subscriptions))
                .extracting(Object::getClass).containsExactly(JdbcGroupRepository.class, JdbcInstanceRepository.class,
                        JdbcLaunchDelayRepository.class, JdbcDeploymentRepository.class,
                        JdbcFrameworkIdRepository.class, JdbcEventSubscriptionRepository.class);

        groups.store(DeploymentRepositoryContract.ORIGINAL);
        groups.store(DeploymentRepositoryContract.TARGET);
        deployments.save(DeploymentRepositoryContract.plan("p", DeploymentRepositoryContract.ORIGINAL,
                DeploymentRepositoryContract.TARGET));
        instances.saveAll(InstanceRepositoryContract.scheduled(3));
        delays.write(Map.of(LaunchDelayRepositoryContract.WEB_V1,
                LaunchDelayRepositoryContract.delay(1_000, LaunchDelayRepositoryContract.T0)), List.of());
        frameworkId.set("f-0001");
        subscriptions.add("http://hooks.example.com/");

        assertThat(deployments.all()).extracting(p -> p.target().version())
                .containsExactly(DeploymentRepositoryContract.TARGET.version());
        assertThat(instances.all()).hasSize(3);
        assertThat(delays.all()).containsOnlyKeys(LaunchDelayRepositoryContract.WEB_V1);
        assertThat(frameworkId.get()).contains("f-0001");
        assertThat(subscriptions.all()).containsExactly("http://hooks.example.com/");
    }

    @Test
    void maxVersionsIsBoundFromTheProperties() {
        for (int i = 1; i <= 4; i++) {
            groups.store(GroupRepositoryContract.root(GroupRepositoryContract.t(100 + i),
                    GroupRepositoryContract.app("/web", GroupRepositoryContract.t(100 + i), i)));
        }
        assertThat(groups.appVersions(PathId.of("/web"))).hasSize(2);
    }
}
