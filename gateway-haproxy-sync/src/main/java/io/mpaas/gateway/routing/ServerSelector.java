package io.mpaas.gateway.routing;

import io.mpaas.protocol.gateway.AppProblem;
import io.mpaas.protocol.gateway.Server;
import io.mpaas.protocol.gateway.ServerState;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.AppInfo;
import io.mpaas.protocol.marathon.MarathonTask;
import io.mpaas.protocol.marathon.MarathonTask.HealthCheckResult;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decides which of an app's tasks take traffic and at which address. One selector serves one build of the
 * routing table and remembers each host's address for that build, so that ten thousand tasks on a few hundred
 * agents cost a few hundred lookups.
 *
 * <p>A task is a server when it is running and passes the app's health checks (results present and all
 * alive) and, when a deployment reports a readiness result for it, that result is ready. A task being killed
 * that would pass the same test drains: its open connections finish while no new ones arrive. An unreachable
 * task stays a server unless its last results say it is unhealthy or not ready: an agent partition must not
 * empty a backend, and HAProxy's own checks take a really dead server out. Every other state (staging,
 * starting, terminal) is left out.
 */
final class ServerSelector {

    /** A task that takes (or drains) traffic, at the address HAProxy connects to. */
    record Candidate(MarathonTask task, String ip, ServerState state, boolean containerNetwork) {

        /**
         * The server for port index {@code portIndex}, or empty when the task has no such port.
         *
         * @param containerPort the port mapping's container port: on a container network HAProxy reaches the task
         *                      at its own IP, where the container port listens (0 or null: the task's port)
         */
        Optional<Server> server(int portIndex, Integer containerPort) {
            int port;
            if (containerNetwork && containerPort != null && containerPort > 0) {
                port = containerPort;
            } else if (portIndex < task.ports().size() && task.ports().get(portIndex) != null) {
                port = task.ports().get(portIndex);
            } else {
                return Optional.empty();
            }
            if (port < 1 || port > 65535) {
                return Optional.empty();
            }
            String host = LabelSyntax.isHost(task.host()) ? task.host() : null;
            return Optional.of(new Server(task.id(), host, ip, port, 1, state));
        }
    }

    private final HostResolver resolver;
    private final Map<String, Optional<String>> addresses = new HashMap<>();

    ServerSelector(HostResolver resolver) {
        this.resolver = resolver;
    }

    /** The app's tasks that take or drain traffic, by task id; problems for tasks left out for lack of an address. */
    List<Candidate> candidates(AppInfo info, List<AppProblem> problems) {
        App app = info.app();
        if (info.tasks() == null || info.tasks().isEmpty()) {
            return List.of();
        }
        boolean hasHealthChecks = app.healthChecks() != null && !app.healthChecks().isEmpty();
        Map<String, Boolean> readiness = app.readinessChecks() == null || app.readinessChecks().isEmpty()
                ? Map.of() : readinessByTask(info.readinessCheckResults());
        boolean containerNetwork = usesContainerNetwork(app);
        Map<String, Integer> unresolved = new TreeMap<>();
        int withoutIp = 0;
        int withoutHost = 0;
        List<Candidate> candidates = new ArrayList<>();
        for (MarathonTask task : info.tasks()) {
            if (task == null || task.id() == null) {
                continue;
            }
            ServerState state = state(task, hasHealthChecks, readiness.get(task.id()));
            if (state == null) {
                continue;
            }
            String ip;
            if (containerNetwork) {
                ip = task.ipAddresses().isEmpty() ? null : task.ipAddresses().getFirst().ipAddress();
                if (!LabelSyntax.isIpLiteral(ip)) {
                    withoutIp++;
                    continue;
                }
            } else if (task.host() == null || task.host().isBlank()) {
                withoutHost++;
                continue;
            } else {
                ip = address(task.host()).orElse(null);
                if (ip == null) {
                    unresolved.merge(task.host(), 1, Integer::sum);
                    continue;
                }
            }
            candidates.add(new Candidate(task, ip, state, containerNetwork));
        }
        unresolved.forEach((host, count) -> problems.add(new AppProblem(app.id(), null, tasks(count)
                + " on host " + LabelSyntax.shown(host) + " left out: the host cannot be resolved")));
        if (withoutHost > 0) {
            problems.add(new AppProblem(app.id(), null, tasks(withoutHost) + " left out: no host"));
        }
        if (withoutIp > 0) {
            problems.add(new AppProblem(app.id(), null, tasks(withoutIp)
                    + " left out: no IP address on the container network"));
        }
        candidates.sort(Comparator.comparing(c -> c.task().id()));
        return candidates;
    }

    /** READY, DRAIN, or null when the task takes no traffic. */
    private static ServerState state(MarathonTask task, boolean hasHealthChecks, Boolean ready) {
        String state = task.state() == null ? "" : task.state();
        return switch (state) {
            case "TASK_RUNNING" -> healthy(task, hasHealthChecks) && !Boolean.FALSE.equals(ready)
                    ? ServerState.READY : null;
            case "TASK_KILLING" -> healthy(task, hasHealthChecks) && !Boolean.FALSE.equals(ready)
                    ? ServerState.DRAIN : null;
            case "TASK_UNREACHABLE" -> task.healthCheckResults().stream().allMatch(HealthCheckResult::alive)
                    && !Boolean.FALSE.equals(ready) ? ServerState.READY : null;
            default -> null;
        };
    }

    private static boolean healthy(MarathonTask task, boolean hasHealthChecks) {
        return !hasHealthChecks || (!task.healthCheckResults().isEmpty()
                && task.healthCheckResults().stream().allMatch(HealthCheckResult::alive));
    }

    /** Whether the app's tasks have their own IP on a container network (not a bridge, not the host's). */
    static boolean usesContainerNetwork(App app) {
        return app.networks() != null && app.networks().stream()
                .anyMatch(n -> n != null && "container".equals(n.mode()));
    }

    private Optional<String> address(String host) {
        return addresses.computeIfAbsent(host, h -> {
            Optional<String> ip = resolver.resolve(h);
            // The address goes into HAProxy's configuration: only a literal is taken, whatever the resolver says.
            return ip != null && ip.isPresent() && LabelSyntax.isIpLiteral(ip.get()) ? ip : Optional.empty();
        });
    }

    /**
     * Task id to readiness from {@code readinessCheckResults}: entries read by Jackson as maps, or records with
     * {@code taskId} and {@code ready}. A task with several entries is ready when all are.
     */
    static Map<String, Boolean> readinessByTask(List<Object> results) {
        if (results == null || results.isEmpty()) {
            return Map.of();
        }
        Map<String, Boolean> byTask = new HashMap<>();
        for (Object result : results) {
            Object taskId = field(result, "taskId");
            if (taskId != null) {
                Object ready = field(result, "ready");
                boolean isReady = ready instanceof Boolean b ? b : ready != null && "true".equals(ready.toString());
                byTask.merge(taskId.toString(), isReady, Boolean::logicalAnd);
            }
        }
        return byTask;
    }

    private static Object field(Object entry, String name) {
        if (entry instanceof Map<?, ?> map) {
            return map.get(name);
        }
        if (entry instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (component.getName().equals(name)) {
                    try {
                        return component.getAccessor().invoke(record);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    private static String tasks(int count) {
        return count == 1 ? "1 task" : count + " tasks";
    }
}
