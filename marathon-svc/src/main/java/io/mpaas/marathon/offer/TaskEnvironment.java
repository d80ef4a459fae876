package io.mpaas.marathon.offer;

import io.mpaas.marathon.offer.PortLayout.AppPort;
import io.mpaas.protocol.marathon.App;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The environment marathon gives a task, as Marathon's task environment docs describe it:
 * what the app is ({@code MARATHON_APP_*}), where it runs ({@code HOST}) and its ports
 * ({@code PORT0..n}, {@code PORT}, {@code PORTS}, {@code PORT_<declared port>},
 * {@code PORT_<NAME>}), then the app's own {@code env}. The app's variables come last and win:
 * a user who sets {@code PORT} means it (Marathon issue 905). {@code MESOS_TASK_ID} and
 * {@code MESOS_SANDBOX} are the agent's to set.
 */
final class TaskEnvironment {

    /** Labels with a longer key or value are left out of the environment, as Marathon does. */
    static final int MAX_LABEL_LENGTH = 512;

    private TaskEnvironment() {
    }

    /**
     * @param hostPorts the chosen host port of each port of {@code layout}, null where none
     */
    static Map<String, String> of(App app, String host, PortLayout layout, List<Integer> hostPorts) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MARATHON_APP_ID", app.id());
        if (app.version() != null) {
            env.put("MARATHON_APP_VERSION", app.version());
        }
        String image = TaskFactory.dockerImage(app);
        if (image != null) {
            env.put("MARATHON_APP_DOCKER_IMAGE", image);
        }
        env.put("MARATHON_APP_RESOURCE_CPUS", Double.toString(app.cpus() == null ? 1.0 : app.cpus()));
        env.put("MARATHON_APP_RESOURCE_MEM", Double.toString(app.mem() == null ? 128.0 : app.mem()));
        env.put("MARATHON_APP_RESOURCE_DISK", Double.toString(app.disk() == null ? 0.0 : app.disk()));
        env.put("MARATHON_APP_RESOURCE_GPUS", Integer.toString(app.gpus() == null ? 0 : app.gpus()));
        labels(app, env);
        if (host != null) {
            env.put("HOST", host);
        }
        ports(layout, hostPorts, env);
        if (app.env() != null) {
            new TreeMap<>(app.env()).forEach((name, value) -> env.put(name, value == null ? "" : value));
        }
        return env;
    }

    /** {@code MARATHON_APP_LABELS} lists the sanitized names; one {@code MARATHON_APP_LABEL_<NAME>} each. */
    private static void labels(App app, Map<String, String> env) {
        Map<String, String> sanitized = new TreeMap<>();
        if (app.labels() != null) {
            app.labels().forEach((key, value) -> {
                if (key != null && value != null && key.length() <= MAX_LABEL_LENGTH
                        && value.length() <= MAX_LABEL_LENGTH) {
                    sanitized.put(variableName(key), value);
                }
            });
        }
        env.put("MARATHON_APP_LABELS", String.join(" ", sanitized.keySet()));
        sanitized.forEach((name, value) -> env.put("MARATHON_APP_LABEL_" + name, value));
    }

    /** Upper case, every run of characters other than {@code A-Z 0-9 _} one underscore. */
    static String variableName(String text) {
        return text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]+", "_");
    }

    /**
     * {@code PORTn} and {@code PORTS} use the effective port of each port: the host port, or
     * the container port where there is none (container networking without host ports).
     * {@code PORT_<p>} keys on the declared port: the container port under bridge and
     * container networking, the definition's port (the service port) under host networking.
     */
    private static void ports(PortLayout layout, List<Integer> hostPorts, Map<String, String> env) {
        List<String> effective = new ArrayList<>();
        for (int i = 0; i < layout.ports().size(); i++) {
            AppPort port = layout.ports().get(i);
            Integer hostPort = i < hostPorts.size() ? hostPorts.get(i) : null;
            Integer value = hostPort != null ? hostPort : port.listeningPort(layout.networking(), null);
            if (value == null || value == 0) {
                continue;
            }
            String text = Integer.toString(value);
            env.put("PORT" + effective.size(), text);
            effective.add(text);
            Integer declared = layout.networking() == PortLayout.Networking.HOST ? (Integer) port.servicePort()
                    : port.containerPort();
            if (declared != null && declared != 0) {
                env.put("PORT_" + declared, text);
            }
            if (port.name() != null && !port.name().isBlank()) {
                env.put("PORT_" + variableName(port.name()), text);
            }
        }
        if (!effective.isEmpty()) {
            env.put("PORT", effective.getFirst());
            env.put("PORTS", effective.stream().collect(Collectors.joining(",")));
        }
    }
}
