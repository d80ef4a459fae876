package io.mpaas.gateway.bench;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.AppInfo;
import io.mpaas.protocol.marathon.MarathonTask;
import io.mpaas.protocol.marathon.Network;
import io.mpaas.protocol.marathon.PortDefinition;
import java.util.List;
import java.util.Map;

/** Marathon apps as the benchmarks need them: host-networked, one service port, in the gateway's group. */
final class BenchApps {

    static final String HOST = "127.0.0.1";

    private BenchApps() {
    }

    /** An app with one HTTP-mode service port and these tasks, none with health checks. */
    static AppInfo http(String id, int servicePort, List<MarathonTask> tasks) {
        App app = new App.Builder().id(id).instances(tasks.size())
                .portDefinitions(List.of(new PortDefinition(servicePort, "tcp", null, null)))
                .networks(List.of(new Network("host", null, null)))
                .labels(Map.of("HAPROXY_GROUP", "external", "HAPROXY_0_MODE", "http"))
                .version("2026-01-01T00:00:00.000Z")
                .build();
        return new AppInfo(app, null, null, null, null, List.of(), List.of(), List.copyOf(tasks), null, null);
    }

    /** A task of {@code appId} on this host port in this state. */
    static MarathonTask task(String appId, String taskId, int port, String state) {
        return new MarathonTask(taskId, appId, HOST, "agent-1", state, "2026-01-01T00:00:00.000Z",
                "2026-01-01T00:00:01.000Z", "2026-01-01T00:00:00.000Z", List.of(port), null, null, null, null, null);
    }

    static String taskId(String appId, int n) {
        return appId.substring(1).replace('/', '_') + ".task-" + n;
    }
}
