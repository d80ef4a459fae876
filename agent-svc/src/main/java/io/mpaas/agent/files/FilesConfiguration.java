package io.mpaas.agent.files;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Attaches the agent's sandbox tree, {@code <mesos.agent.work-dir>/slaves}, to {@code /files}. */
@Configuration(proxyBeanMethods = false)
class FilesConfiguration {

    @Bean
    SandboxFiles sandboxFiles(@Value("${mesos.agent.work-dir:${java.io.tmpdir}/mesos-agent}") String workDir) {
        return new SandboxFiles(Path.of(workDir).resolve("slaves"));
    }
}
