package io.mpaas.marathon.offer;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.offer.PortLayout.AppPort;
import io.mpaas.marathon.offer.PortLayout.Networking;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Container;
import io.mpaas.protocol.marathon.Fetch;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.ContainerInfo;
import io.mpaas.protocol.mesos.ContainerInfo.DockerInfo;
import io.mpaas.protocol.mesos.DiscoveryInfo;
import io.mpaas.protocol.mesos.DurationInfo;
import io.mpaas.protocol.mesos.KillPolicy;
import io.mpaas.protocol.mesos.Label;
import io.mpaas.protocol.mesos.Labels;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.Parameter;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the Mesos TaskInfo of one instance of an app on one offer, as Marathon's task builder
 * does: the task's name, resources, command, environment, Docker container, labels, kill
 * policy, agent-run health check and discovery info.
 *
 * <p>The resources are the pieces of the offer the task was matched to (see
 * {@link OfferMatcher}), unchanged in form, so each keeps the reservation and
 * {@code allocation_info} it was offered with, as the master requires. An app with a Docker
 * image becomes a DOCKER container (also when it says {@code type: MESOS}: the agents here
 * run images through Docker only); an app without an image becomes a plain command, which the
 * agent runs as a process in the sandbox. Stateless and thread-safe.
 */
public final class TaskFactory {

    private static final List<String> ARCHIVES = List.of(".tgz", ".tar.gz", ".tbz2", ".tar.bz2", ".txz",
            ".tar.xz", ".zip");

    /**
     * The TaskInfo for {@code app} on {@code offer}.
     *
     * @param taskId    the task id, {@code <instanceId>._app.<incarnation>}
     * @param resources the offered resources the task takes, as offered
     * @param hostPorts the host ports taken from the offer, one per port of the app that has a
     *                  host port, in port order (what {@code Instance.hostPorts} records)
     */
    public TaskInfo build(App app, String taskId, Offer offer, List<Resource> resources, List<Integer> hostPorts) {
        PortLayout layout = PortLayout.of(app);
        List<Integer> byPort = layout.hostPortsByPort(hostPorts);
        String name = taskName(PathId.of(app.id()));
        Map<String, String> env = TaskEnvironment.of(app, offer.hostname(), layout, byPort);
        return new TaskInfo(
                name,
                TaskId.of(taskId),
                offer.agentId(),
                resources,
                null,
                command(app, env),
                container(app, layout, byPort),
                HealthCheckTranslator.translate(app, layout, byPort).orElse(null),
                null,
                app.taskKillGracePeriodSeconds() == null ? null
                        : new KillPolicy(DurationInfo.of(Duration.ofSeconds(app.taskKillGracePeriodSeconds()))),
                null,
                labels(app.labels()),
                discovery(name, layout, byPort),
                null,
                null);
    }

    /** Marathon's task name: the app id's segments reversed and joined by dots ({@code /prod/web} is {@code web.prod}). */
    public static String taskName(PathId appId) {
        List<String> segments = new ArrayList<>(appId.segments());
        Collections.reverse(segments);
        return String.join(".", segments);
    }

    /** The app's Docker image, null when it has none. */
    static String dockerImage(App app) {
        Container container = app.container();
        if (container == null || container.docker() == null) {
            return null;
        }
        String image = container.docker().image();
        return image == null || image.isBlank() ? null : image;
    }

    /**
     * {@code cmd} runs under {@code /bin/sh -c}. {@code args} is an argv: handed to a Docker
     * image's entrypoint as its arguments; for a plain process the first argument is the
     * executable (Mesos runs {@code value} with {@code arguments} as argv, argv[0] included).
     * An image without either runs its own entrypoint and command.
     */
    private static CommandInfo command(App app, Map<String, String> env) {
        List<CommandInfo.Environment.Variable> variables = new ArrayList<>(env.size());
        env.forEach((k, v) -> variables.add(new CommandInfo.Environment.Variable(k, null, v, null)));
        CommandInfo.Environment environment = new CommandInfo.Environment(variables);
        List<CommandInfo.Uri> uris = uris(app);
        boolean image = dockerImage(app) != null;
        if (app.cmd() != null) {
            return new CommandInfo(uris, environment, true, app.cmd(), null, app.user());
        }
        List<String> args = app.args() == null ? List.of() : app.args();
        if (!args.isEmpty()) {
            return new CommandInfo(uris, environment, false, image ? null : args.getFirst(), args, app.user());
        }
        return new CommandInfo(uris, environment, image ? false : null, null, null, app.user());
    }

    private static List<CommandInfo.Uri> uris(App app) {
        List<CommandInfo.Uri> uris = new ArrayList<>();
        if (app.fetch() != null) {
            for (Fetch f : app.fetch()) {
                uris.add(new CommandInfo.Uri(f.uri(), f.executable(), f.extract() == null || f.extract(), f.cache(),
                        f.destPath()));
            }
        } else if (app.uris() != null) {
            for (String uri : app.uris()) {
                String lower = uri.toLowerCase(Locale.ROOT);
                boolean archive = ARCHIVES.stream().anyMatch(lower::endsWith);
                uris.add(new CommandInfo.Uri(uri, false, archive, false, null));
            }
        }
        return uris;
    }

    private static ContainerInfo container(App app, PortLayout layout, List<Integer> hostPorts) {
        String image = dockerImage(app);
        if (image == null) {
            return null;
        }
        Container.Docker docker = app.container().docker();
        DockerInfo.Network network = switch (layout.networking()) {
            case HOST -> DockerInfo.Network.HOST;
            case BRIDGE -> DockerInfo.Network.BRIDGE;
            case CONTAINER -> DockerInfo.Network.USER;
        };
        List<ContainerInfo.PortMapping> mappings = new ArrayList<>();
        if (layout.networking() != Networking.HOST) {
            for (int i = 0; i < layout.ports().size(); i++) {
                AppPort port = layout.ports().get(i);
                Integer hostPort = hostPorts.get(i);
                if (hostPort == null) {
                    continue;
                }
                Integer containerPort = port.listeningPort(layout.networking(), hostPort);
                for (String protocol : port.protocols()) {
                    mappings.add(new ContainerInfo.PortMapping(hostPort.longValue(), containerPort.longValue(),
                            protocol));
                }
            }
        }
        List<Parameter> parameters = docker.parameters() == null ? List.of() : docker.parameters().stream()
                .map(p -> new Parameter(p.key(), p.value())).toList();
        DockerInfo dockerInfo = new DockerInfo(image, network, mappings, Boolean.TRUE.equals(docker.privileged()),
                parameters, Boolean.TRUE.equals(docker.forcePullImage()), null);
        List<ContainerInfo.NetworkInfo> networks = layout.networking() == Networking.CONTAINER
                ? List.of(new ContainerInfo.NetworkInfo(null, layout.networkName(), null,
                        labels(layout.networkLabels()), null))
                : List.of();
        return new ContainerInfo(ContainerInfo.Type.DOCKER, volumes(app.container()), null, dockerInfo, null,
                networks, null, null, null);
    }

    /** Host bind mounts only; persistent and external volumes are not offered by this platform. */
    private static List<ContainerInfo.Volume> volumes(Container container) {
        if (container.volumes() == null) {
            return List.of();
        }
        List<ContainerInfo.Volume> volumes = new ArrayList<>();
        for (Container.Volume v : container.volumes()) {
            if (v.hostPath() == null || v.containerPath() == null) {
                continue;
            }
            ContainerInfo.Volume.Mode mode = "RO".equalsIgnoreCase(v.mode())
                    ? ContainerInfo.Volume.Mode.RO : ContainerInfo.Volume.Mode.RW;
            volumes.add(new ContainerInfo.Volume(v.containerPath(), v.hostPath(), mode, null, null));
        }
        return volumes;
    }

    private static Labels labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return null;
        }
        List<Label> list = new ArrayList<>();
        new TreeMap<>(labels).forEach((k, v) -> list.add(new Label(k, v)));
        return new Labels(list);
    }

    /**
     * Discovery for DNS and load balancers: the task's reachable ports (host ports; the
     * container port where a container-network port has no host port), one per protocol.
     */
    private static DiscoveryInfo discovery(String name, PortLayout layout, List<Integer> hostPorts) {
        List<DiscoveryInfo.Port> ports = new ArrayList<>();
        for (int i = 0; i < layout.ports().size(); i++) {
            AppPort port = layout.ports().get(i);
            Integer number = hostPorts.get(i) != null ? hostPorts.get(i) : port.listeningPort(layout.networking(), null);
            if (number == null || number == 0) {
                continue;
            }
            for (String protocol : port.protocols()) {
                ports.add(new DiscoveryInfo.Port(number.longValue(), port.name(), protocol, null,
                        labels(port.labels())));
            }
        }
        return new DiscoveryInfo("FRAMEWORK", name, null, null, null, new DiscoveryInfo.Ports(ports), null);
    }
}
