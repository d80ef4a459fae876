package io.mpaas.marathon.fake;

import io.mpaas.marathon.app.AppController;
import io.mpaas.marathon.app.AppInfoAssembler;
import io.mpaas.marathon.app.TargetRoots;
import io.mpaas.marathon.deployment.DeploymentController;
import io.mpaas.marathon.group.GroupController;
import io.mpaas.marathon.instance.TaskController;
import io.mpaas.marathon.launch.QueueController;
import io.mpaas.marathon.scheduler.LaunchProperties;
import io.mpaas.marathon.system.InfoController;
import io.mpaas.marathon.system.LeaderController;
import io.mpaas.marathon.system.MetricsController;
import io.mpaas.marathon.system.PingController;
import io.mpaas.marathon.web.MarathonErrorAdvice;
import io.mpaas.marathon.web.WebConfiguration;
import io.mpaas.testkit.time.MutableClock;
import java.time.Clock;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;

/**
 * A Spring Boot application of the /v2 API alone: the real web layer and controllers with Boot's
 * auto-configuration (Tomcat, Spring Security, Micrometer), over the in-memory fakes of the core.
 * Nothing is scanned, so the real core's configurations (scheduler, store, health, events, HA,
 * security) stay out; of the core only {@link LaunchProperties} is bound, as the real application
 * binds it, because {@link TargetRoots} takes the service port range from it. Run it with
 * {@link #NO_DATABASE}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties(LaunchProperties.class)
@Import({WebConfiguration.class, MarathonErrorAdvice.class, TargetRoots.class, AppInfoAssembler.class,
        AppController.class, TaskController.class, GroupController.class, DeploymentController.class,
        QueueController.class, InfoController.class, LeaderController.class, PingController.class,
        MetricsController.class})
public class FakeCoreApplication {

    /** The property that keeps Boot from configuring a database the fakes do not need. */
    public static final String NO_DATABASE = "spring.autoconfigure.exclude="
            + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
            + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
            + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
            + "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration";

    @Bean
    Clock clock() {
        return MutableClock.startingAt("2024-05-01T10:00:00Z");
    }

    @Bean
    FakeGroupRepository groups() {
        return new FakeGroupRepository();
    }

    @Bean
    FakeDeployer deployer(FakeGroupRepository groups, Clock clock) {
        return new FakeDeployer(groups, clock);
    }

    @Bean
    FakeInstances instances(Clock clock) {
        return new FakeInstances(clock);
    }

    @Bean
    FakeQueue queue() {
        return new FakeQueue();
    }

    @Bean
    FakeLeadership leadership() {
        return new FakeLeadership("localhost:8080");
    }

    @Bean
    FakeFrameworkStatus framework() {
        return new FakeFrameworkStatus("fw-1", "localhost:5050");
    }

    @Bean
    RecordingEvents events() {
        return new RecordingEvents();
    }

    @Bean
    io.mpaas.marathon.app.ReadinessView readiness() {
        return appId -> java.util.List.of();
    }

    @Bean
    FakeTaskFailures failures() {
        return new FakeTaskFailures();
    }

    /** Everything open, and Marathon's X-XSS-Protection instead of Spring Security's "0". */
    @Bean
    SecurityFilterChain open(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .headers(headers -> headers.xssProtection(xss -> xss.headerValue(
                        XXssProtectionHeaderWriter.HeaderValue.ENABLED_MODE_BLOCK)))
                .build();
    }
}
