package io.mpaas.marathon.system;

import io.mpaas.marathon.framework.FrameworkStatus;
import io.mpaas.marathon.ha.Leadership;
import io.mpaas.marathon.web.JsonResponses;
import io.mpaas.protocol.marathon.MarathonInfo;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.GitProperties;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v2/info}: name, version, leadership, framework id and configuration, with Marathon's
 * field names. The version is the Marathon version whose API this service speaks
 * ({@code marathon.info.version}), since clients compare it against Marathon's.
 */
@RestController
public class InfoController {

    static final String MARATHON_VERSION = "1.10.0";

    private final Leadership leadership;
    private final FrameworkStatus framework;
    private final Environment environment;
    private final ObjectProvider<GitProperties> git;

    public InfoController(Leadership leadership, FrameworkStatus framework, Environment environment,
            ObjectProvider<GitProperties> git) {
        this.leadership = leadership;
        this.framework = framework;
        this.environment = environment;
        this.git = git;
    }

    @GetMapping("/v2/info")
    public ResponseEntity<byte[]> info() {
        Map<String, Object> marathon = InfoFlags.values(InfoFlags.MARATHON, environment);
        if (marathon.get("master") == null) {
            marathon.put("master", framework.master().orElse(null));
        }
        if (marathon.get("hostname") == null) {
            marathon.put("hostname", hostOf(leadership.self()));
        }
        GitProperties commit = git.getIfAvailable();
        return JsonResponses.ok(new MarathonInfo(
                "marathon",
                environment.getProperty("marathon.info.version", MARATHON_VERSION),
                commit == null || commit.getCommitId() == null ? "unknown" : commit.getCommitId(),
                leadership.isLeader(),
                leadership.leaderHostPort().orElse(null),
                framework.frameworkId().orElse(null),
                marathon,
                InfoFlags.values(InfoFlags.ZOOKEEPER, environment),
                InfoFlags.values(InfoFlags.HTTP, environment)));
    }

    private static String hostOf(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }
}
