package io.mpaas.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ProcessContainerizerConfigurationTest {

    @TempDir
    Path workDir;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ProcessContainerizerConfiguration.class)
            .withBean(Clock.class, Clock::systemUTC);

    @Test
    void theContainerizerKeepsItsIndexUnderTheWorkDir() {
        context.withPropertyValues("mesos.agent.work-dir=" + workDir, "mesos.agent.process.cgroups-enabled=false")
                .run(ctx -> {
                    ProcessContainerizer containerizer = ctx.getBean(ProcessContainerizer.class);
                    assertThat(containerizer.available()).isTrue();
                    assertThat(containerizer.limits().memory()).isFalse();
                    assertThat(workDir.resolve("meta/process")).isDirectory();
                });
    }

    @Test
    void defaults() {
        context.withPropertyValues("mesos.agent.work-dir=" + workDir).run(ctx -> {
            assertThat(ctx.getBean(ProcessProperties.class)).isEqualTo(ProcessProperties.defaults());
        });
    }
}
