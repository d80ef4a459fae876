package io.mpaas.agent.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code docker inspect} says about a container, reduced to what the containerizer
 * reads: its state and exit, where it can be reached, its sandbox mount and its limits.
 *
 * @param name without Docker's leading slash
 * @param exitCode the main process's exit status once it has exited, else null
 * @param error the engine's error text for the container (a failed start), or null
 * @param finishedAt when it exited, or null while it has not
 * @param pid the main process's pid on the host while it runs, else null
 * @param networkMode {@code host}, {@code bridge}, {@code none} or a user network's name
 * @param ipAddresses the container's IPv4 address on each network it joined
 * @param mounts mount sources by destination path inside the container
 * @param cpuShares CPU shares, when set
 * @param cpuQuota CFS quota in microseconds per {@code cpuPeriod}, when set
 * @param cpuPeriod CFS period in microseconds, when set
 * @param memoryLimit hard memory limit in bytes, when set
 */
public record ContainerDetails(
        String id,
        String name,
        Map<String, String> labels,
        boolean running,
        Integer exitCode,
        boolean oomKilled,
        String error,
        Instant finishedAt,
        Long pid,
        String networkMode,
        Map<String, String> ipAddresses,
        Map<String, String> mounts,
        Integer cpuShares,
        Long cpuQuota,
        Long cpuPeriod,
        Long memoryLimit) {

    public ContainerDetails {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ipAddresses = ipAddresses == null ? Map.of() : Map.copyOf(ipAddresses);
        mounts = mounts == null ? Map.of() : Map.copyOf(mounts);
    }

    /**
     * The cpus the container was given, read back from its limits (for a recovered
     * container, whose task resources the containerizer no longer has): the CFS quota when
     * set, else the shares.
     */
    public Double cpus() {
        if (cpuQuota != null && cpuQuota > 0 && cpuPeriod != null && cpuPeriod > 0) {
            return (double) cpuQuota / cpuPeriod;
        }
        if (cpuShares != null && cpuShares > 0) {
            return cpuShares / 1024.0;
        }
        return null;
    }

    /**
     * What the engine's {@code GET /containers/{id}/json} says, in the port's terms. Read from the
     * JSON tree rather than docker-java's typed response: binding the whole response costs ten
     * times the CPU (and over a second of class loading on an agent's first launch) for the dozen
     * fields used here.
     */
    static ContainerDetails of(JsonNode inspect) {
        JsonNode state = inspect.path("State");
        JsonNode hostConfig = inspect.path("HostConfig");
        Map<String, String> addresses = new HashMap<>();
        inspect.path("NetworkSettings").path("Networks").properties().forEach(network -> {
            String address = text(network.getValue().path("IPAddress"));
            if (address != null && !address.isBlank()) {
                addresses.put(network.getKey(), address);
            }
        });
        Map<String, String> mounts = new HashMap<>();
        for (JsonNode mount : inspect.path("Mounts")) {
            String destination = text(mount.path("Destination"));
            String source = text(mount.path("Source"));
            if (destination != null && source != null) {
                mounts.put(destination, source);
            }
        }
        Map<String, String> labels = new HashMap<>();
        inspect.path("Config").path("Labels").properties()
                .forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
        boolean running = state.path("Running").asBoolean(false);
        Long pid = longOrNull(state.path("Pid"));
        Long exit = longOrNull(state.path("ExitCode"));
        return new ContainerDetails(text(inspect.path("Id")), stripSlash(text(inspect.path("Name"))), labels, running,
                running || exit == null ? null : exit.intValue(), state.path("OOMKilled").asBoolean(false),
                text(state.path("Error")), instant(text(state.path("FinishedAt"))),
                pid == null || pid == 0 ? null : pid, text(hostConfig.path("NetworkMode")), addresses, mounts,
                hostConfig.path("CpuShares").isNumber() ? hostConfig.path("CpuShares").intValue() : null,
                longOrNull(hostConfig.path("CpuQuota")), longOrNull(hostConfig.path("CpuPeriod")),
                longOrNull(hostConfig.path("Memory")));
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static Long longOrNull(JsonNode node) {
        return node.isNumber() ? node.longValue() : null;
    }

    /** The engine writes "0001-01-01T00:00:00Z" for "never". */
    private static Instant instant(String text) {
        if (text == null || text.isBlank() || text.startsWith("0001-")) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Docker reports names with a leading slash. */
    static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
    }
}
