package io.mpaas.agent.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ports;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A container as the containerizer wants it created: {@code docker create}'s options as a
 * value, so that what a task turns into can be asserted without an engine (only
 * {@link #writeTo} knows docker-java). Built with {@link #builder}; null means "the
 * engine's or the image's default".
 *
 * @param entrypoint overrides the image's entrypoint ({@code [""]} clears it); null keeps it
 * @param cmd overrides the image's command; null keeps it
 * @param networkMode {@code host}, {@code bridge}, {@code none} or a user network's name
 * @param binds {@code source:destination:mode} mounts (host paths or named volumes)
 * @param tmpfs tmpfs mounts: destination to mount options ("" for none)
 * @param limits cgroup limits
 * @param init run an init process as pid 1 (null: the engine's default)
 */
public record ContainerConfig(
        String name,
        String image,
        List<String> entrypoint,
        List<String> cmd,
        Map<String, String> env,
        Map<String, String> labels,
        String hostname,
        String user,
        String workingDir,
        String stopSignal,
        String networkMode,
        List<PortBinding> portBindings,
        List<String> networkAliases,
        List<String> binds,
        Map<String, String> tmpfs,
        String volumeDriver,
        Limits limits,
        boolean privileged,
        boolean readOnlyRootfs,
        Boolean init,
        List<String> capAdd,
        List<String> capDrop,
        List<String> dns,
        List<String> dnsSearch,
        List<String> dnsOptions,
        List<String> extraHosts,
        List<Ulimit> ulimits,
        Map<String, String> sysctls,
        String logDriver,
        Map<String, String> logOptions) {

    public ContainerConfig {
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
        env = sorted(env);
        labels = sorted(labels);
        portBindings = List.copyOf(portBindings);
        networkAliases = List.copyOf(networkAliases);
        binds = List.copyOf(binds);
        tmpfs = sorted(tmpfs);
        capAdd = List.copyOf(capAdd);
        capDrop = List.copyOf(capDrop);
        dns = List.copyOf(dns);
        dnsSearch = List.copyOf(dnsSearch);
        dnsOptions = List.copyOf(dnsOptions);
        extraHosts = List.copyOf(extraHosts);
        ulimits = List.copyOf(ulimits);
        sysctls = sorted(sysctls);
        logOptions = sorted(logOptions);
    }

    /** Sorted, so that {@code docker inspect} and test failures read in a stable order. */
    private static Map<String, String> sorted(Map<String, String> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    /**
     * Writes this config onto docker-java's create command (everything but the image, which
     * the command is created with). Null options are left out, so the engine's and the
     * image's defaults apply.
     */
    CreateContainerCmd writeTo(CreateContainerCmd create) {
        Ports ports = new Ports();
        List<ExposedPort> exposed = portBindings.stream().map(binding -> {
            ExposedPort port = new ExposedPort((int) binding.containerPort(), InternetProtocol.parse(binding.protocol()));
            ports.bind(port, Ports.Binding.bindPort((int) binding.hostPort()));
            return port;
        }).distinct().toList();
        HostConfig hostConfig = HostConfig.newHostConfig()
                .withNetworkMode(networkMode)
                .withPortBindings(ports)
                .withBinds(binds.stream().map(Bind::parse).toList())
                .withTmpFs(tmpfs.isEmpty() ? null : tmpfs)
                .withVolumeDriver(volumeDriver)
                .withCpuShares(limits.cpuShares())
                .withCpuPeriod(limits.cpuPeriod())
                .withCpuQuota(limits.cpuQuota())
                .withMemory(limits.memory())
                .withMemorySwap(limits.memorySwap())
                .withMemoryReservation(limits.memoryReservation())
                .withMemorySwappiness(limits.memorySwappiness())
                .withShmSize(limits.shmSize())
                .withPidsLimit(limits.pidsLimit())
                .withOomScoreAdj(limits.oomScoreAdj())
                .withPrivileged(privileged)
                .withReadonlyRootfs(readOnlyRootfs)
                .withInit(init)
                .withCapAdd(capAdd.stream().map(Capability::valueOf).toArray(Capability[]::new))
                .withCapDrop(capDrop.stream().map(Capability::valueOf).toArray(Capability[]::new))
                .withDns(dns.toArray(String[]::new))
                .withDnsSearch(dnsSearch.toArray(String[]::new))
                .withDnsOptions(dnsOptions)
                .withExtraHosts(extraHosts.toArray(String[]::new))
                .withUlimits(ulimits.stream()
                        .map(u -> new com.github.dockerjava.api.model.Ulimit(u.name(), u.soft(), u.hard()))
                        .toArray(com.github.dockerjava.api.model.Ulimit[]::new))
                .withSysctls(sysctls.isEmpty() ? null : sysctls);
        if (logDriver != null || !logOptions.isEmpty()) {
            hostConfig.withLogConfig(new LogConfig(
                    logDriver == null ? LogConfig.LoggingType.DEFAULT
                            : LogConfig.LoggingType.fromValue(logDriver),
                    logOptions));
        }
        create.withName(name)
                .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withLabels(labels)
                .withExposedPorts(exposed)
                .withHostConfig(hostConfig);
        if (entrypoint != null) {
            create.withEntrypoint(entrypoint);
        }
        if (this.cmd != null) {
            create.withCmd(this.cmd);
        }
        if (hostname != null) {
            create.withHostName(hostname);
        }
        if (user != null) {
            create.withUser(user);
        }
        if (workingDir != null) {
            create.withWorkingDir(workingDir);
        }
        if (stopSignal != null) {
            create.withStopSignal(stopSignal);
        }
        if (!networkAliases.isEmpty()) {
            create.withAliases(networkAliases);
        }
        return create;
    }

    public static Builder builder(String name, String image) {
        return new Builder(name, image);
    }

    /**
     * A published port: {@code hostPort} on every host address forwards to
     * {@code containerPort}.
     *
     * @param protocol {@code tcp}, {@code udp} or {@code sctp}
     */
    public record PortBinding(long hostPort, long containerPort, String protocol) {
    }

    /** A resource limit of the container's processes ({@code --ulimit name=soft:hard}). */
    public record Ulimit(String name, long soft, long hard) {
    }

    /**
     * Cgroup limits; null for "not set".
     *
     * @param cpuShares relative CPU weight (1024 per cpu)
     * @param cpuPeriod CFS period in microseconds
     * @param cpuQuota CFS quota in microseconds per period (hard CPU cap)
     * @param memory hard memory limit in bytes
     * @param memorySwap memory plus swap in bytes; equal to {@code memory} means no swap
     * @param memoryReservation soft memory limit in bytes
     * @param shmSize size of {@code /dev/shm} in bytes
     */
    public record Limits(
            Integer cpuShares,
            Long cpuPeriod,
            Long cpuQuota,
            Long memory,
            Long memorySwap,
            Long memoryReservation,
            Long memorySwappiness,
            Long shmSize,
            Long pidsLimit,
            Integer oomScoreAdj) {
    }

    /**
     * Collects options in the order the containerizer decides them (task first, then the
     * task's docker parameters, which may override), and freezes them into a config.
     */
    public static final class Builder {
        private final String name;
        private final String image;
        private List<String> entrypoint;
        private List<String> cmd;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String hostname;
        private String user;
        private String workingDir;
        private String stopSignal;
        private String networkMode;
        private final List<PortBinding> portBindings = new ArrayList<>();
        private final List<String> networkAliases = new ArrayList<>();
        private final List<String> binds = new ArrayList<>();
        private final Map<String, String> tmpfs = new LinkedHashMap<>();
        private String volumeDriver;
        private Integer cpuShares;
        private Long cpuPeriod;
        private Long cpuQuota;
        private Long memory;
        private Long memorySwap;
        private Long memoryReservation;
        private Long memorySwappiness;
        private Long shmSize;
        private Long pidsLimit;
        private Integer oomScoreAdj;
        private boolean privileged;
        private boolean readOnlyRootfs;
        private Boolean init;
        private final List<String> capAdd = new ArrayList<>();
        private final List<String> capDrop = new ArrayList<>();
        private final List<String> dns = new ArrayList<>();
        private final List<String> dnsSearch = new ArrayList<>();
        private final List<String> dnsOptions = new ArrayList<>();
        private final List<String> extraHosts = new ArrayList<>();
        private final List<Ulimit> ulimits = new ArrayList<>();
        private final Map<String, String> sysctls = new LinkedHashMap<>();
        private String logDriver;
        private final Map<String, String> logOptions = new LinkedHashMap<>();

        private Builder(String name, String image) {
            this.name = name;
            this.image = image;
        }

        public Builder entrypoint(List<String> value) { entrypoint = value; return this; }
        public Builder cmd(List<String> value) { cmd = value; return this; }
        public Builder env(String key, String value) { env.put(key, value); return this; }
        public Builder env(Map<String, String> values) { env.putAll(values); return this; }
        public Builder label(String key, String value) { labels.put(key, value); return this; }
        public Builder hostname(String value) { hostname = value; return this; }
        public Builder user(String value) { user = value; return this; }
        public Builder workingDir(String value) { workingDir = value; return this; }
        public Builder stopSignal(String value) { stopSignal = value; return this; }
        public Builder networkMode(String value) { networkMode = value; return this; }
        public Builder portBinding(PortBinding value) { portBindings.add(value); return this; }
        public Builder networkAlias(String value) { networkAliases.add(value); return this; }
        public Builder bind(String value) { binds.add(value); return this; }
        public Builder tmpfs(String path, String options) { tmpfs.put(path, options); return this; }
        public Builder volumeDriver(String value) { volumeDriver = value; return this; }
        public Builder cpuShares(Integer value) { cpuShares = value; return this; }
        public Builder cpuPeriod(Long value) { cpuPeriod = value; return this; }
        public Builder cpuQuota(Long value) { cpuQuota = value; return this; }
        public Builder memory(Long value) { memory = value; return this; }
        public Builder memorySwap(Long value) { memorySwap = value; return this; }
        public Builder memoryReservation(Long value) { memoryReservation = value; return this; }
        public Builder memorySwappiness(Long value) { memorySwappiness = value; return this; }
        public Builder shmSize(Long value) { shmSize = value; return this; }
        public Builder pidsLimit(Long value) { pidsLimit = value; return this; }
        public Builder oomScoreAdj(Integer value) { oomScoreAdj = value; return this; }
        public Builder privileged(boolean value) { privileged = value; return this; }
        public Builder readOnlyRootfs(boolean value) { readOnlyRootfs = value; return this; }
        public Builder init(Boolean value) { init = value; return this; }
        public Builder capAdd(String value) { capAdd.add(value); return this; }
        public Builder capDrop(String value) { capDrop.add(value); return this; }
        public Builder dns(String value) { dns.add(value); return this; }
        public Builder dnsSearch(String value) { dnsSearch.add(value); return this; }
        public Builder dnsOption(String value) { dnsOptions.add(value); return this; }
        public Builder extraHost(String value) { extraHosts.add(value); return this; }
        public Builder ulimit(Ulimit value) { ulimits.add(value); return this; }
        public Builder sysctl(String key, String value) { sysctls.put(key, value); return this; }
        public Builder logDriver(String value) { logDriver = value; return this; }
        public Builder logOption(String key, String value) { logOptions.put(key, value); return this; }

        /** The network mode decided so far (parameters that only fit some networks check it). */
        String networkMode() {
            return networkMode;
        }

        public ContainerConfig build() {
            Limits limits = new Limits(cpuShares, cpuPeriod, cpuQuota, memory, memorySwap, memoryReservation,
                    memorySwappiness, shmSize, pidsLimit, oomScoreAdj);
            return new ContainerConfig(name, image, entrypoint, cmd, env, labels, hostname, user, workingDir,
                    stopSignal, networkMode, portBindings, networkAliases, binds, tmpfs, volumeDriver, limits,
                    privileged, readOnlyRootfs, init, capAdd, capDrop, dns, dnsSearch, dnsOptions, extraHosts,
                    ulimits, sysctls, logDriver, logOptions);
        }
    }
}
