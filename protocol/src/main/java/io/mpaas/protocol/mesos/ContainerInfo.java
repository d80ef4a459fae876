package io.mpaas.protocol.mesos;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** How a task is containerized; DOCKER runs {@link DockerInfo#image()} through the Docker engine. */
public record ContainerInfo(
        Type type,
        List<Volume> volumes,
        String hostname,
        DockerInfo docker,
        JsonNode mesos,
        List<NetworkInfo> networkInfos,
        JsonNode linuxInfo,
        JsonNode rlimitInfo,
        JsonNode ttyInfo) {

    public ContainerInfo {
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        networkInfos = networkInfos == null ? List.of() : List.copyOf(networkInfos);
    }

    public enum Type {
        DOCKER,
        MESOS
    }

    public static ContainerInfo docker(DockerInfo docker) {
        return new ContainerInfo(Type.DOCKER, null, null, docker, null, null, null, null, null);
    }

    public record Volume(String containerPath, String hostPath, Mode mode, JsonNode image, JsonNode source) {
        public enum Mode {
            RW,
            RO
        }
    }

    /** Docker's settings; {@code network} defaults to HOST. */
    public record DockerInfo(
            String image,
            Network network,
            List<PortMapping> portMappings,
            Boolean privileged,
            List<Parameter> parameters,
            Boolean forcePullImage,
            String volumeDriver) {

        public DockerInfo {
            portMappings = portMappings == null ? List.of() : List.copyOf(portMappings);
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
        }

        public enum Network {
            HOST,
            BRIDGE,
            NONE,
            USER
        }

        public Network effectiveNetwork() {
            return network == null ? Network.HOST : network;
        }
    }

    public record PortMapping(Long hostPort, Long containerPort, String protocol) {
    }

    public record NetworkInfo(
            List<IpAddress> ipAddresses,
            String name,
            List<String> groups,
            Labels labels,
            List<PortMapping> portMappings) {

        public NetworkInfo {
            ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
            groups = groups == null ? List.of() : List.copyOf(groups);
            portMappings = portMappings == null ? List.of() : List.copyOf(portMappings);
        }

        public record IpAddress(String protocol, String ipAddress) {
        }
    }
}
