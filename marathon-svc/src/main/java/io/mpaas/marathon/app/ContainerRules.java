package io.mpaas.marathon.app;

import static io.mpaas.marathon.app.Violations.at;

import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.Container;
import io.mpaas.protocol.marathon.Network;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Marathon's rules for {@code container}: an image for Docker, volumes the agents can provide.
 * Persistent and external volumes need reservations and volume drivers that this platform does
 * not have, so they are refused here instead of leaving the app waiting for offers forever.
 */
final class ContainerRules {

    static final List<String> TYPES = List.of("DOCKER", "MESOS");
    static final String SINGLE_CONTAINER_NETWORK = "may only specify a single container network when using the "
            + "Docker container engine";
    static final String PERSISTENT_UNSUPPORTED = "persistent volumes are not supported: use a host volume "
            + "(containerPath, hostPath, mode)";
    static final String EXTERNAL_UNSUPPORTED = "external volumes are not supported: use a host volume "
            + "(containerPath, hostPath, mode)";

    private ContainerRules() {
    }

    static void check(App app, Violations v) {
        Container c = app.container();
        if (c == null) {
            return;
        }
        v.oneOf("/container/type", c.type(), TYPES);
        Container.Docker docker = c.docker();
        if ("DOCKER".equals(c.type()) && docker == null) {
            v.add("/container/docker", Violations.NOT_EMPTY);
        }
        if (docker != null) {
            v.notEmpty("/container/docker/image", docker.image());
            List<Container.Parameter> parameters = docker.parameters() == null ? List.of() : docker.parameters();
            if ("MESOS".equals(c.type()) && !parameters.isEmpty()) {
                // docker run flags mean nothing to the Mesos containerizer.
                v.add("/container/docker/parameters", "must be empty");
            }
            for (int i = 0; i < parameters.size(); i++) {
                v.notEmpty(at("/container/docker/parameters", i) + "/key", parameters.get(i).key());
            }
        }
        List<Network> networks = app.networks() == null ? List.of() : app.networks();
        if ("DOCKER".equals(c.type())
                && networks.stream().filter(n -> NetworkMode.CONTAINER.wire.equals(n.mode())).count() > 1) {
            v.add("/", SINGLE_CONTAINER_NETWORK);
        }
        List<Container.Volume> volumes = c.volumes() == null ? List.of() : c.volumes();
        for (int i = 0; i < volumes.size(); i++) {
            checkVolume(volumes.get(i), at("/container/volumes", i), v);
        }
    }

    private static void checkVolume(Container.Volume volume, String path, Violations v) {
        if (isGiven(volume.persistent())) {
            v.add(path, PERSISTENT_UNSUPPORTED);
            return;
        }
        if (isGiven(volume.external())) {
            v.add(path, EXTERNAL_UNSUPPORTED);
            return;
        }
        v.notEmpty(path + "/containerPath", volume.containerPath());
        v.notEmpty(path + "/hostPath", volume.hostPath());
        if (volume.mode() == null || volume.mode().isEmpty()) {
            v.add(path + "/mode", Violations.NOT_EMPTY);
        } else {
            v.oneOf(path + "/mode", volume.mode(), List.of("RO", "RW"));
        }
    }

    private static boolean isGiven(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }
}
