package io.mpaas.agent.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Where the sandbox tree is taken from. */
class FilesConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(FilesConfiguration.class);

    @Test
    void theTreeIsTheSlavesDirectoryOfTheWorkDirectory() {
        context.withPropertyValues("mesos.agent.work-dir=/var/lib/mesos-agent").run(ctx ->
                assertThat(ctx.getBean(SandboxFiles.class).root()).isEqualTo(Path.of("/var/lib/mesos-agent/slaves")));
    }

    @Test
    void theWorkDirectoryDefaultsToOneUnderTheTemporaryDirectory() {
        context.run(ctx -> assertThat(ctx.getBean(SandboxFiles.class).root())
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "mesos-agent", "slaves").toAbsolutePath()));
    }
}
