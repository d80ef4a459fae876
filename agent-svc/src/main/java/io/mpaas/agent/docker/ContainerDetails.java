package io.mpaas.agent.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
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

    /** What docker-java's inspect response says, in the port's terms. */
    static ContainerDetails of(InspectContainerResponse response) {
        var state = response.getState();
        HostConfig hostConfig = response.getHostConfig();
        Map<String, String> addresses = new HashMap<>();
        if (response.getNetworkSettings() != null && response.getNetworkSettings().getNetworks() != null) {
            response.getNetworkSettings().getNetworks().forEach((network, settings) -> {
                if (settings.getIpAddress() != null && !settings.getIpAddress().isBlank()) {
                    addresses.put(network, settings.getIpAddress());
                }
            });
        }
        Map<String, String> mounts = new HashMap<>();
        if (response.getMounts() != null) {
            response.getMounts().forEach(mount -> {
                if (mount.getDestination() != null && mount.getSource() != null) {
                    mounts.put(mount.getDestination().getPath(), mount.getSource());
                }
            });
        }
        boolean running = Boolean.TRUE.equals(state.getRunning());
        Long pid = state.getPidLong() == null || state.getPidLong() == 0 ? null : state.getPidLong();
        Integer exitCode = running || state.getExitCodeLong() == null ? null : state.getExitCodeLong().intValue();
        return new ContainerDetails(response.getId(), stripSlash(response.getName()),
                response.getConfig() == null ? null : response.getConfig().getLabels(), running, exitCode,
                Boolean.TRUE.equals(state.getOOMKilled()), state.getError(), instant(state.getFinishedAt()), pid,
                hostConfig == null ? null : hostConfig.getNetworkMode(), addresses, mounts,
                hostConfig == null ? null : hostConfig.getCpuShares(),
                hostConfig == null ? null : hostConfig.getCpuQuota(),
                hostConfig == null ? null : hostConfig.getCpuPeriod(),
                hostConfig == null ? null : hostConfig.getMemory());
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
