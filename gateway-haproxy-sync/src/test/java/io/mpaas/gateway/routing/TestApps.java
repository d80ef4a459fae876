package io.mpaas.gateway.routing;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.AppInfo;
import io.mpaas.protocol.marathon.Container;
import io.mpaas.protocol.marathon.HealthCheck;
import io.mpaas.protocol.marathon.MarathonTask;
import io.mpaas.protocol.marathon.MarathonTask.HealthCheckResult;
import io.mpaas.protocol.marathon.MarathonTask.IpAddress;
import io.mpaas.protocol.marathon.Network;
import io.mpaas.protocol.marathon.PortDefinition;
import io.mpaas.protocol.marathon.PortMapping;
import io.mpaas.protocol.marathon.ReadinessCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders of marathon's app JSON for routing tests; stateless. */
final class TestApps {

    static final String RUNNING = "TASK_RUNNING";

    private TestApps() {
    }

    /** A host-networked app with these service ports (port definitions). */
    static App.Builder app(String id, Integer... servicePorts) {
        List<PortDefinition> definitions = Arrays.stream(servicePorts)
                .map(p -> new PortDefinition(p, "tcp", null, null)).toList();
        return new App.Builder().id(id).instances(1).portDefinitions(definitions)
                .networks(List.of(new Network("host", null, null)));
    }

    /** A bridge-networked Docker app with these port mappings. */
    static App.Builder bridged(String id, PortMapping... mappings) {
        return new App.Builder().id(id).instances(1).portDefinitions(List.of())
                .container(new Container("DOCKER", null, null, List.of(mappings)))
                .networks(List.of(new Network("container/bridge", null, null)));
    }

    /** An app on a container network (a task has its own IP) with these port mappings. */
    static App.Builder containerNetwork(String id, PortMapping... mappings) {
        return bridged(id, mappings).networks(List.of(new Network("container", "dcos", null)));
    }

    static PortMapping mapping(Integer containerPort, Integer hostPort, Integer servicePort) {
        return new PortMapping(containerPort, hostPort, servicePort, "tcp", null, null, null);
    }

    /** Labels from name, value pairs. */
    static Map<String, String> labels(String... nameValue) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            labels.put(nameValue[i], nameValue[i + 1]);
        }
        return labels;
    }

    static MarathonTask task(String id, String host, String state, Integer... ports) {
        return new MarathonTask(id, null, host, "agent-" + host, state, null, null, null, List.of(ports), null, null,
                null, null, null);
    }

    static MarathonTask running(String id, String host, Integer... ports) {
        return task(id, host, RUNNING, ports);
    }

    /** The task with one health result per given verdict. */
    static MarathonTask withHealth(MarathonTask t, boolean... alive) {
        List<HealthCheckResult> results = new ArrayList<>();
        for (boolean a : alive) {
            results.add(new HealthCheckResult(a, a ? 0 : 1, null, null, null, null, t.id()));
        }
        return new MarathonTask(t.id(), t.appId(), t.host(), t.slaveId(), t.state(), t.stagedAt(), t.startedAt(),
                t.version(), t.ports(), t.servicePorts(), t.ipAddresses(), results, t.localVolumes(), t.role());
    }

    static MarathonTask withIp(MarathonTask t, String ip) {
        return new MarathonTask(t.id(), t.appId(), t.host(), t.slaveId(), t.state(), t.stagedAt(), t.startedAt(),
                t.version(), t.ports(), t.servicePorts(), List.of(new IpAddress(ip, "IPv4")), t.healthCheckResults(),
                t.localVolumes(), t.role());
    }

    static HealthCheck check(String protocol, String path, Integer portIndex) {
        return new HealthCheck(protocol, path, portIndex, null, null, null, null, null, null, null, null, null);
    }

    static HealthCheck check(String protocol, String path, Integer portIndex, Integer interval, Integer timeout,
            Integer maxFailures) {
        return new HealthCheck(protocol, path, portIndex, null, null, 300, interval, timeout, maxFailures, null, null,
                null);
    }

    static ReadinessCheck readinessCheck() {
        return new ReadinessCheck("ready", "HTTP", "/ready", "http", 30, 10, List.of(200), false);
    }

    /** A readiness result as Jackson reads marathon's JSON into {@code List<Object>}. */
    static Map<String, Object> readiness(String taskId, boolean ready) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", "ready");
        result.put("taskId", taskId);
        result.put("ready", ready);
        result.put("lastResponse", null);
        return result;
    }

    static AppInfo info(App.Builder app, MarathonTask... tasks) {
        return info(app.build(), List.of(), tasks);
    }

    static AppInfo info(App app, List<Object> readinessResults, MarathonTask... tasks) {
        return new AppInfo(app, null, null, null, null, List.of(), readinessResults, List.of(tasks), null, null);
    }
}
