package io.mpaas.protocol.marathon;

import java.util.List;
import java.util.Map;

/**
 * A Marathon app definition ({@code /v2/apps}), as clients send it and as Marathon answers it.
 *
 * <p>Every field is nullable: {@code null} means "not given" on input (a partial update keeps the
 * old value; a create takes Marathon's default). Stored and answered apps are normalized, with
 * every default filled in, so clients see the same fields Marathon shows. The field order is
 * Marathon's.
 *
 * @param version    the version timestamp (ISO-8601 with milliseconds); on input only together with
 *                   {@code id}, which asks for a rollback to that version
 * @param ports      deprecated input form of {@code portDefinitions}; never written back
 * @param uris       deprecated input form of {@code fetch}
 */
public record App(
        String id,
        Double backoffFactor,
        Integer backoffSeconds,
        String cmd,
        List<String> args,
        List<List<String>> constraints,
        Container container,
        Double cpus,
        List<String> dependencies,
        Double disk,
        Map<String, String> env,
        String executor,
        List<Fetch> fetch,
        List<HealthCheck> healthChecks,
        Integer instances,
        Map<String, String> labels,
        Integer maxLaunchDelaySeconds,
        Double mem,
        Integer gpus,
        List<Network> networks,
        List<PortDefinition> portDefinitions,
        List<Integer> ports,
        Boolean requirePorts,
        UpgradeStrategy upgradeStrategy,
        String user,
        String version,
        VersionInfo versionInfo,
        String killSelection,
        UnreachableStrategy unreachableStrategy,
        Long taskKillGracePeriodSeconds,
        List<String> acceptedResourceRoles,
        List<ReadinessCheck> readinessChecks,
        String role,
        List<String> uris) {

    public App {
        args = args == null ? null : List.copyOf(args);
        constraints = constraints == null ? null : constraints.stream().map(c -> c == null ? null : copyOrNull(c))
                .toList();
        dependencies = dependencies == null ? null : List.copyOf(dependencies);
        env = env == null ? null : Map.copyOf(env);
        fetch = fetch == null ? null : List.copyOf(fetch);
        healthChecks = healthChecks == null ? null : List.copyOf(healthChecks);
        labels = labels == null ? null : Map.copyOf(labels);
        networks = networks == null ? null : List.copyOf(networks);
        portDefinitions = portDefinitions == null ? null : List.copyOf(portDefinitions);
        ports = ports == null ? null : List.copyOf(ports);
        acceptedResourceRoles = acceptedResourceRoles == null ? null : List.copyOf(acceptedResourceRoles);
        readinessChecks = readinessChecks == null ? null : List.copyOf(readinessChecks);
        uris = uris == null ? null : List.copyOf(uris);
    }

    private static List<String> copyOrNull(List<String> constraint) {
        // Constraint fields may be null on bad input; validation names them, so keep them visible.
        return java.util.Collections.unmodifiableList(new java.util.ArrayList<>(constraint));
    }

    /** An app with only an id: the start of a builder-style chain in tests and defaults. */
    public static App withId(String id) {
        return new Builder().id(id).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Number of instances, 1 if not given. */
    public int instanceCount() {
        return instances == null ? 1 : instances;
    }

    /**
     * A mutable copy for the few places that change several fields (normalization, partial
     * updates); records stay immutable everywhere else.
     */
    public static final class Builder {
        private String id;
        private Double backoffFactor;
        private Integer backoffSeconds;
        private String cmd;
        private List<String> args;
        private List<List<String>> constraints;
        private Container container;
        private Double cpus;
        private List<String> dependencies;
        private Double disk;
        private Map<String, String> env;
        private String executor;
        private List<Fetch> fetch;
        private List<HealthCheck> healthChecks;
        private Integer instances;
        private Map<String, String> labels;
        private Integer maxLaunchDelaySeconds;
        private Double mem;
        private Integer gpus;
        private List<Network> networks;
        private List<PortDefinition> portDefinitions;
        private List<Integer> ports;
        private Boolean requirePorts;
        private UpgradeStrategy upgradeStrategy;
        private String user;
        private String version;
        private VersionInfo versionInfo;
        private String killSelection;
        private UnreachableStrategy unreachableStrategy;
        private Long taskKillGracePeriodSeconds;
        private List<String> acceptedResourceRoles;
        private List<ReadinessCheck> readinessChecks;
        private String role;
        private List<String> uris;

        public Builder() {
        }

        Builder(App a) {
            id = a.id; backoffFactor = a.backoffFactor; backoffSeconds = a.backoffSeconds; cmd = a.cmd;
            args = a.args; constraints = a.constraints; container = a.container; cpus = a.cpus;
            dependencies = a.dependencies; disk = a.disk; env = a.env; executor = a.executor; fetch = a.fetch;
            healthChecks = a.healthChecks; instances = a.instances; labels = a.labels;
            maxLaunchDelaySeconds = a.maxLaunchDelaySeconds; mem = a.mem; gpus = a.gpus; networks = a.networks;
            portDefinitions = a.portDefinitions; ports = a.ports; requirePorts = a.requirePorts;
            upgradeStrategy = a.upgradeStrategy; user = a.user; version = a.version; versionInfo = a.versionInfo;
            killSelection = a.killSelection; unreachableStrategy = a.unreachableStrategy;
            taskKillGracePeriodSeconds = a.taskKillGracePeriodSeconds;
            acceptedResourceRoles = a.acceptedResourceRoles; readinessChecks = a.readinessChecks; role = a.role;
            uris = a.uris;
        }

        public Builder id(String v) { id = v; return this; }
        public Builder backoffFactor(Double v) { backoffFactor = v; return this; }
        public Builder backoffSeconds(Integer v) { backoffSeconds = v; return this; }
        public Builder cmd(String v) { cmd = v; return this; }
        public Builder args(List<String> v) { args = v; return this; }
        public Builder constraints(List<List<String>> v) { constraints = v; return this; }
        public Builder container(Container v) { container = v; return this; }
        public Builder cpus(Double v) { cpus = v; return this; }
        public Builder dependencies(List<String> v) { dependencies = v; return this; }
        public Builder disk(Double v) { disk = v; return this; }
        public Builder env(Map<String, String> v) { env = v; return this; }
        public Builder executor(String v) { executor = v; return this; }
        public Builder fetch(List<Fetch> v) { fetch = v; return this; }
        public Builder healthChecks(List<HealthCheck> v) { healthChecks = v; return this; }
        public Builder instances(Integer v) { instances = v; return this; }
        public Builder labels(Map<String, String> v) { labels = v; return this; }
        public Builder maxLaunchDelaySeconds(Integer v) { maxLaunchDelaySeconds = v; return this; }
        public Builder mem(Double v) { mem = v; return this; }
        public Builder gpus(Integer v) { gpus = v; return this; }
        public Builder networks(List<Network> v) { networks = v; return this; }
        public Builder portDefinitions(List<PortDefinition> v) { portDefinitions = v; return this; }
        public Builder ports(List<Integer> v) { ports = v; return this; }
        public Builder requirePorts(Boolean v) { requirePorts = v; return this; }
        public Builder upgradeStrategy(UpgradeStrategy v) { upgradeStrategy = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder version(String v) { version = v; return this; }
        public Builder versionInfo(VersionInfo v) { versionInfo = v; return this; }
        public Builder killSelection(String v) { killSelection = v; return this; }
        public Builder unreachableStrategy(UnreachableStrategy v) { unreachableStrategy = v; return this; }
        public Builder taskKillGracePeriodSeconds(Long v) { taskKillGracePeriodSeconds = v; return this; }
        public Builder acceptedResourceRoles(List<String> v) { acceptedResourceRoles = v; return this; }
        public Builder readinessChecks(List<ReadinessCheck> v) { readinessChecks = v; return this; }
        public Builder role(String v) { role = v; return this; }
        public Builder uris(List<String> v) { uris = v; return this; }

        public App build() {
            return new App(id, backoffFactor, backoffSeconds, cmd, args, constraints, container, cpus, dependencies,
                    disk, env, executor, fetch, healthChecks, instances, labels, maxLaunchDelaySeconds, mem, gpus,
                    networks, portDefinitions, ports, requirePorts, upgradeStrategy, user, version, versionInfo,
                    killSelection, unreachableStrategy, taskKillGracePeriodSeconds, acceptedResourceRoles,
                    readinessChecks, role, uris);
        }
    }
}
