package io.mpaas.protocol.marathon;

import java.util.List;

/**
 * An app's container: {@code type} DOCKER (the default) or MESOS; {@code portMappings} here since
 * 1.5 (older clients put them under {@code docker}, which is read too).
 */
public record Container(
        String type,
        Docker docker,
        List<Volume> volumes,
        List<PortMapping> portMappings) {

    public Container {
        volumes = volumes == null ? null : List.copyOf(volumes);
        portMappings = portMappings == null ? null : List.copyOf(portMappings);
    }

    /**
     * The Docker part. {@code network} and {@code portMappings} are the pre-1.5 places of the
     * networking settings, still accepted on input.
     */
    public record Docker(
            String image,
            String network,
            List<PortMapping> portMappings,
            Boolean privileged,
            List<Parameter> parameters,
            Boolean forcePullImage) {

        public Docker {
            portMappings = portMappings == null ? null : List.copyOf(portMappings);
            parameters = parameters == null ? null : List.copyOf(parameters);
        }
    }

    /** A {@code docker run} option as key and value, e.g. {@code {"key":"label","value":"a=b"}}. */
    public record Parameter(String key, String value) {
    }

    /**
     * A volume: a host bind mount ({@code hostPath}), or a persistent or external volume, which
     * this platform does not provide (kept as given so validation can name them).
     */
    public record Volume(
            String containerPath,
            String hostPath,
            String mode,
            tools.jackson.databind.JsonNode persistent,
            tools.jackson.databind.JsonNode external) {
    }
}
