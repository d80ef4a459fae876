package io.mpaas.agent.docker;

import io.mpaas.agent.container.LaunchFailure;
import io.mpaas.agent.container.LaunchSpec;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.ContainerInfo;
import io.mpaas.protocol.mesos.ContainerInfo.DockerInfo;
import io.mpaas.protocol.mesos.ContainerInfo.PortMapping;
import io.mpaas.protocol.mesos.ContainerInfo.Volume;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Decides what container a task becomes, following Mesos's {@code Docker::RunOptions::create}
 * ({@code src/docker/docker.cpp}) so that tasks written for Mesos run the same here. Pure:
 * no engine, no files; every fault of the task is a {@link LaunchFailure#invalid} before
 * anything is pulled or created.
 */
final class DockerLaunchPlanner {

    /** Mesos's {@code CPU_SHARES_PER_CPU}. */
    static final int CPU_SHARES_PER_CPU = 1024;
    /** Mesos's {@code MIN_CPU_SHARES}: the kernel's minimum weight; 0 would mean "default" (1024). */
    static final int MIN_CPU_SHARES = 2;
    /** Mesos's {@code CPU_CFS_PERIOD}, 100 ms, in microseconds. */
    static final long CPU_CFS_PERIOD_MICROS = 100_000;
    /** Mesos's {@code MIN_CPU_CFS_QUOTA}, 1 ms: a smaller quota starves the task entirely. */
    static final long MIN_CPU_CFS_QUOTA_MICROS = 1_000;
    /** Mesos's {@code MIN_MEMORY}: below this the engine refuses or the task dies at once. */
    static final long MIN_MEMORY_MEGABYTES = 32;

    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");

    private final boolean allowPrivileged;
    private final boolean cfsQuota;
    private final String workDirIdentity;
    private final DockerParameterTranslator parameters;

    DockerLaunchPlanner(boolean allowPrivileged, boolean cfsQuota, String workDirIdentity) {
        this.allowPrivileged = allowPrivileged;
        this.cfsQuota = cfsQuota;
        this.workDirIdentity = workDirIdentity;
        this.parameters = new DockerParameterTranslator(allowPrivileged);
    }

    ContainerConfig plan(LaunchSpec spec) throws LaunchFailure {
        ContainerInfo container = spec.task().container();
        DockerInfo docker = container == null ? null : container.docker();
        if (docker == null || docker.image() == null || docker.image().isBlank()) {
            throw LaunchFailure.invalid("A DOCKER container needs container.docker.image");
        }
        String name = DockerContainerizer.containerName(spec.containerId());
        ContainerConfig.Builder config = ContainerConfig.builder(name, docker.image().trim());

        command(spec.task().command(), config);
        config.env(spec.environment())
                .env("MESOS_SANDBOX", LaunchSpec.SANDBOX_IN_CONTAINER)
                .env("MESOS_CONTAINER_NAME", name);
        labels(spec, config);
        resources(spec, config);
        network(spec, container, docker, config);
        volumes(spec.sandbox(), container, docker, config);
        if (Boolean.TRUE.equals(docker.privileged())) {
            if (!allowPrivileged) {
                throw LaunchFailure.invalid("container.docker.privileged is not allowed on this agent"
                        + " (mesos.agent.docker.allow-privileged=false)");
            }
            config.privileged(true);
        }
        parameters.apply(docker.parameters(), config);
        return config.build();
    }

    /**
     * Mesos: with {@code shell} (the default) the entrypoint becomes {@code /bin/sh} and the
     * command {@code -c <value>}, overriding the image's entrypoint (MESOS-1770); otherwise
     * {@code value} (if any) and {@code arguments} are the command, handed to the image's
     * entrypoint (how Marathon's {@code args} reach it). Unlike Mesos, which refuses a shell
     * command without a value, a command with neither value nor arguments runs the image's
     * own entrypoint and command, as {@code docker run image} would.
     */
    private static void command(CommandInfo command, ContainerConfig.Builder config) throws LaunchFailure {
        boolean hasValue = command != null && command.value() != null && !command.value().isBlank();
        if (command == null || (!hasValue && command.arguments().isEmpty())) {
            return;
        }
        if (command.isShell()) {
            if (!hasValue) {
                throw LaunchFailure.invalid("A shell command needs command.value (arguments alone need shell=false)");
            }
            config.entrypoint(List.of("/bin/sh")).cmd(List.of("-c", command.value()));
            return;
        }
        List<String> cmd = new ArrayList<>();
        if (hasValue) {
            cmd.add(command.value());
        }
        cmd.addAll(command.arguments());
        config.cmd(cmd);
    }

    private void labels(LaunchSpec spec, ContainerConfig.Builder config) {
        if (spec.task().taskId() != null) {
            config.label(ContainerLabel.TASK_ID.key(), spec.task().taskId().value());
        }
        if (spec.frameworkId() != null) {
            config.label(ContainerLabel.FRAMEWORK_ID.key(), spec.frameworkId().value());
        }
        if (spec.agentId() != null) {
            config.label(ContainerLabel.AGENT_ID.key(), spec.agentId().value());
        }
        config.label(ContainerLabel.CONTAINER_ID.key(), spec.containerId().value())
                .label(ContainerLabel.AGENT_WORK_DIR.key(), workDirIdentity);
    }

    /**
     * cpus become shares (a weight, so idle CPU stays usable) and, with CFS enabled, a hard
     * quota; mem becomes a hard limit with swap equal to it, because a limit with swap on top
     * lets a task use twice its memory before the OOM killer notices.
     */
    private void resources(LaunchSpec spec, ContainerConfig.Builder config) {
        if (spec.cpus() > 0) {
            config.cpuShares((int) Math.max(MIN_CPU_SHARES, Math.round(CPU_SHARES_PER_CPU * spec.cpus())));
            if (cfsQuota) {
                config.cpuPeriod(CPU_CFS_PERIOD_MICROS)
                        .cpuQuota(Math.max(MIN_CPU_CFS_QUOTA_MICROS, Math.round(CPU_CFS_PERIOD_MICROS * spec.cpus())));
            }
        }
        if (spec.memMegabytes() > 0) {
            long bytes = Math.round(Math.max(MIN_MEMORY_MEGABYTES, spec.memMegabytes()) * 1024 * 1024);
            config.memory(bytes).memorySwap(bytes);
        }
    }

    private static void network(LaunchSpec spec, ContainerInfo container, DockerInfo docker,
            ContainerConfig.Builder config) throws LaunchFailure {
        String mode = switch (docker.effectiveNetwork()) {
            case HOST -> "host";
            case BRIDGE -> "bridge";
            case NONE -> "none";
            case USER -> {
                if (container.networkInfos().size() != 1) {
                    throw LaunchFailure.invalid("A USER network needs exactly one container.network_infos entry, not "
                            + container.networkInfos().size());
                }
                String network = container.networkInfos().getFirst().name();
                if (network == null || network.isBlank()) {
                    throw LaunchFailure.invalid("A USER network needs container.network_infos[0].name");
                }
                yield network;
            }
        };
        config.networkMode(mode);
        if (container.hostname() != null && !container.hostname().isBlank()) {
            if (mode.equals("host")) {
                throw LaunchFailure.invalid("container.hostname cannot be set with HOST networking");
            }
            config.hostname(container.hostname());
        }
        if (docker.portMappings().isEmpty()) {
            return;
        }
        if (mode.equals("host") || mode.equals("none")) {
            throw LaunchFailure.invalid("Port mappings need a BRIDGE or USER network, not " + docker.effectiveNetwork());
        }
        for (PortMapping mapping : docker.portMappings()) {
            if (mapping.hostPort() == null || mapping.containerPort() == null) {
                throw LaunchFailure.invalid("A port mapping needs host_port and container_port");
            }
            if (!spec.hostPorts().contains(mapping.hostPort())) {
                throw LaunchFailure.invalid("Port [" + mapping.hostPort() + "] not included in resources");
            }
            String protocols = mapping.protocol() == null || mapping.protocol().isBlank() ? "tcp" : mapping.protocol();
            for (String protocol : protocols.toLowerCase(Locale.ROOT).split(",")) {
                if (!PROTOCOLS.contains(protocol.trim())) {
                    throw LaunchFailure.invalid("Unsupported port mapping protocol '" + protocol.trim()
                            + "' (tcp, udp, sctp or a comma-separated list)");
                }
                config.portBinding(new ContainerConfig.PortBinding(mapping.hostPort(), mapping.containerPort(),
                        protocol.trim()));
            }
        }
    }

    /**
     * As Mesos: a relative container path is inside the sandbox mount, a relative host path
     * is inside the sandbox (and, unlike Mesos, may not climb out of it with {@code ..}), a
     * volume without host path names a Docker volume ({@code source.type} DOCKER_VOLUME), and
     * the sandbox itself is always mounted read-write.
     */
    private static void volumes(Path sandbox, ContainerInfo container, DockerInfo docker,
            ContainerConfig.Builder config) throws LaunchFailure {
        Path hostSandbox = sandbox.toAbsolutePath().normalize();
        String driver = docker.volumeDriver() == null || docker.volumeDriver().isBlank() ? null : docker.volumeDriver();
        for (Volume volume : container.volumes()) {
            String containerPath = volume.containerPath();
            if (containerPath == null || containerPath.isBlank()) {
                throw LaunchFailure.invalid("A volume needs container_path");
            }
            String target = containerPath.startsWith("/") ? containerPath
                    : LaunchSpec.SANDBOX_IN_CONTAINER + "/" + containerPath;
            String mode = volume.mode() == Volume.Mode.RO ? "ro" : "rw";
            String source;
            if (volume.hostPath() != null && !volume.hostPath().isBlank()) {
                String hostPath = volume.hostPath();
                if (!hostPath.startsWith("/") && !containerPath.startsWith("/")) {
                    throw LaunchFailure.invalid("Both host_path '" + hostPath + "' and container_path '"
                            + containerPath + "' of a volume are relative");
                }
                if (hostPath.startsWith("/") || driver != null) {
                    source = hostPath;
                } else {
                    Path resolved = hostSandbox.resolve(hostPath).normalize();
                    if (!resolved.startsWith(hostSandbox)) {
                        throw LaunchFailure.invalid("Volume host_path '" + hostPath + "' leaves the sandbox");
                    }
                    source = resolved.toString();
                }
            } else {
                source = dockerVolumeName(volume.source());
                String volumeDriver = volume.source().path("docker_volume").path("driver").asString("");
                if (!volumeDriver.isBlank()) {
                    if (driver != null && !driver.equals(volumeDriver)) {
                        throw LaunchFailure.invalid("Only one volume driver per task is supported");
                    }
                    driver = volumeDriver;
                }
            }
            config.bind(source + ":" + target + ":" + mode);
        }
        config.bind(hostSandbox + ":" + LaunchSpec.SANDBOX_IN_CONTAINER + ":rw");
        config.volumeDriver(driver);
    }

    private static String dockerVolumeName(JsonNode source) throws LaunchFailure {
        if (source == null || !"DOCKER_VOLUME".equals(source.path("type").asString(""))) {
            throw LaunchFailure.invalid("A volume needs host_path or a source of type DOCKER_VOLUME");
        }
        String name = source.path("docker_volume").path("name").asString("");
        if (name.isBlank()) {
            throw LaunchFailure.invalid("A DOCKER_VOLUME volume needs source.docker_volume.name");
        }
        return name;
    }
}
