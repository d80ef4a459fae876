package io.mpaas.marathon.instance;

import io.mpaas.marathon.app.PathId;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.PortMapping;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The legacy {@code text/plain} task list that old HAProxy scripts read: for each app and each of
 * its service ports one line of the app's id ({@code /} as {@code _}), the service port, and the
 * {@code host:port} of every running task, all tab-separated (each followed by a tab). An app
 * without service ports gets one line with a blank port and bare hosts.
 */
public final class EndpointsRenderer {

    private EndpointsRenderer() {
    }

    public static String render(Collection<App> apps, Function<PathId, List<Instance>> instancesOf) {
        StringBuilder text = new StringBuilder();
        for (App app : apps) {
            PathId id = PathId.of(app.id());
            List<Instance> running = instancesOf.apply(id).stream()
                    .filter(i -> TaskRenderer.isTask(i) && i.condition() == Condition.RUNNING).toList();
            List<Integer> servicePorts = servicePorts(app);
            if (servicePorts.isEmpty()) {
                text.append(id.safeName()).append("\t \t");
                running.forEach(task -> text.append(task.host()).append('\t'));
                text.append('\n');
                continue;
            }
            for (int index = 0; index < servicePorts.size(); index++) {
                text.append(id.safeName()).append('\t').append(servicePorts.get(index)).append('\t');
                for (Instance task : running) {
                    if (index < task.hostPorts().size()) {
                        text.append(task.host()).append(':').append(task.hostPorts().get(index)).append('\t');
                    }
                }
                text.append('\n');
            }
        }
        return text.toString();
    }

    /**
     * The app's service ports: those of its port mappings under bridge or container networking, else
     * its port definitions' ports.
     */
    static List<Integer> servicePorts(App app) {
        List<PortMapping> mappings = null;
        if (app.container() != null) {
            mappings = app.container().portMappings();
            if ((mappings == null || mappings.isEmpty()) && app.container().docker() != null) {
                mappings = app.container().docker().portMappings();
            }
        }
        if (mappings != null && !mappings.isEmpty()) {
            return mappings.stream().map(m -> m.servicePort() == null ? 0 : m.servicePort()).toList();
        }
        if (app.portDefinitions() != null) {
            return app.portDefinitions().stream().map(d -> d.port() == null ? 0 : d.port()).toList();
        }
        return app.ports() == null ? List.of() : app.ports();
    }
}
