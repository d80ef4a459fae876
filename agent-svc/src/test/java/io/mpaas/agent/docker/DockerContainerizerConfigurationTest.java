package io.mpaas.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The beans start whatever the engine's state, and the properties bind as documented. */
class DockerContainerizerConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(DockerContainerizerConfiguration.class)
            .withBean(Clock.class, Clock::systemUTC);

    @Test
    void anUnreachableEngineDoesNotStopTheAgentFromStarting() {
        context.withPropertyValues("mesos.agent.docker.host=unix:///nonexistent/docker.sock",
                        "mesos.agent.work-dir=/var/lib/mpaas-agent")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    DockerContainerizer containerizer = started.getBean(DockerContainerizer.class);
                    assertThat(containerizer.available()).isFalse();
                    assertThat(containerizer.workDirIdentity()).isEqualTo("/var/lib/mpaas-agent");
                    assertThat(started.getBean(DockerEngine.class).host())
                            .isEqualTo("unix:///nonexistent/docker.sock");
                });
    }

    @Test
    void propertiesBindWithDefaults() {
        context.withPropertyValues("mesos.agent.docker.host=unix:///nonexistent/docker.sock",
                        "mesos.agent.docker.registration-timeout=30m", "mesos.agent.docker.allow-privileged=true")
                .run(started -> {
                    DockerProperties properties = started.getBean(DockerProperties.class);
                    assertThat(properties.registrationTimeout()).isEqualTo(Duration.ofMinutes(30));
                    assertThat(properties.allowPrivileged()).isTrue();
                    assertThat(properties.cfsQuota()).isFalse();
                    assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(properties.responseTimeout()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(DockerProperties.defaults().host()).isEqualTo("unix:///var/run/docker.sock");
                });
    }
}
