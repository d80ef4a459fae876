package io.mpaas.master;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who this master is and how much history it keeps ({@code mesos.master.*}).
 *
 * @param hostname advertised host name; detected when blank
 * @param advertiseIp advertised IPv4 address; detected when blank
 * @param workDir local state (logs, the embedded database in local mode)
 * @param cluster human-readable cluster name shown in the state
 * @param maxCompletedFrameworks completed frameworks kept for the state (Mesos: 50)
 * @param maxCompletedTasksPerFramework completed tasks kept per framework (Mesos: 1000); bounds memory
 */
@ConfigurationProperties("mesos.master")
public record MasterProperties(
        String hostname,
        String advertiseIp,
        @DefaultValue("./work/master") Path workDir,
        @DefaultValue("mpaas") String cluster,
        @DefaultValue("50") int maxCompletedFrameworks,
        @DefaultValue("1000") int maxCompletedTasksPerFramework) {
}
