package io.mpaas.agent.docker;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.LogConfig;
import io.mpaas.agent.container.LaunchFailure;
import io.mpaas.protocol.mesos.Parameter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns {@code container.docker.parameters} into container options. Mesos hands every
 * parameter to the {@code docker run} CLI as {@code --key=value}, so any flag works and a
 * typo fails at run time; with the engine API there is no CLI to parse them, so this agent
 * supports a documented subset and rejects anything else with TASK_ERROR, naming the key and
 * the supported ones. Keys are {@code docker run} flag names without the dashes; a key may be
 * repeated where the flag may.
 *
 * <table>
 * <caption>Supported docker parameters</caption>
 * <tr><th>key</th><th>value</th><th>effect</th></tr>
 * <tr><td>env</td><td>NAME=value</td><td>an environment variable (wins over the task's)</td></tr>
 * <tr><td>label</td><td>key=value</td><td>a container label ({@code io.mpaas.*} is reserved)</td></tr>
 * <tr><td>hostname</td><td>name</td><td>the container's host name (not with HOST networking)</td></tr>
 * <tr><td>user</td><td>name|uid[:gid]</td><td>the user the command runs as</td></tr>
 * <tr><td>workdir</td><td>/path</td><td>the command's working directory</td></tr>
 * <tr><td>entrypoint</td><td>executable ("" clears)</td><td>replaces the image's entrypoint</td></tr>
 * <tr><td>init</td><td>true|false</td><td>run a minimal init as pid 1 that reaps zombies</td></tr>
 * <tr><td>read-only</td><td>true|false</td><td>mount the root filesystem read-only</td></tr>
 * <tr><td>stop-signal</td><td>SIGNAL</td><td>the signal a kill sends before SIGKILL</td></tr>
 * <tr><td>add-host</td><td>host:ip</td><td>a line in {@code /etc/hosts}</td></tr>
 * <tr><td>dns</td><td>ip</td><td>a name server</td></tr>
 * <tr><td>dns-search</td><td>domain</td><td>a search domain</td></tr>
 * <tr><td>dns-opt, dns-option</td><td>option</td><td>a resolver option</td></tr>
 * <tr><td>network-alias</td><td>name</td><td>a DNS alias on a USER network</td></tr>
 * <tr><td>cap-add</td><td>CAPABILITY</td><td>adds a capability (only with {@code allow-privileged})</td></tr>
 * <tr><td>cap-drop</td><td>CAPABILITY</td><td>drops a capability</td></tr>
 * <tr><td>ulimit</td><td>name=soft[:hard]</td><td>a process resource limit</td></tr>
 * <tr><td>sysctl</td><td>key=value</td><td>a namespaced kernel parameter</td></tr>
 * <tr><td>log-driver</td><td>driver</td><td>the engine's logging driver for the container</td></tr>
 * <tr><td>log-opt</td><td>key=value</td><td>an option of the logging driver</td></tr>
 * <tr><td>memory-reservation</td><td>size (e.g. 256m)</td><td>a soft memory limit below the task's mem</td></tr>
 * <tr><td>memory-swappiness</td><td>0..100</td><td>how eagerly the kernel swaps the container</td></tr>
 * <tr><td>shm-size</td><td>size</td><td>the size of {@code /dev/shm}</td></tr>
 * <tr><td>pids-limit</td><td>n</td><td>the most processes and threads the container may have</td></tr>
 * <tr><td>oom-score-adj</td><td>-1000..1000</td><td>the OOM killer's preference</td></tr>
 * <tr><td>tmpfs</td><td>/path[:options]</td><td>a tmpfs mount</td></tr>
 * <tr><td>volume</td><td>source:/path[:ro|rw]</td><td>a bind mount or named volume</td></tr>
 * </table>
 *
 * <p>Flags the agent sets from the task itself (name, network, ports, cpu and memory
 * limits, privileged) are refused with a message saying so: the allocator accounts for
 * them, so a parameter must not change them behind its back.
 */
final class DockerParameterTranslator {

    static final Set<String> SUPPORTED = new TreeSet<>(List.of("env", "label", "hostname", "user", "workdir",
            "entrypoint", "init", "read-only", "stop-signal", "add-host", "dns", "dns-search", "dns-opt",
            "dns-option", "network-alias", "cap-add", "cap-drop", "ulimit", "sysctl", "log-driver", "log-opt",
            "memory-reservation", "memory-swappiness", "shm-size", "pids-limit", "oom-score-adj", "tmpfs",
            "volume"));

    /** Flags the agent derives from the task; a parameter may not override them. */
    private static final Set<String> FROM_THE_TASK = Set.of("name", "net", "network", "publish", "p", "expose",
            "memory", "m", "memory-swap", "cpu-shares", "c", "cpus", "cpu-quota", "cpu-period", "privileged",
            "rm", "detach", "d", "restart");

    /** Docker's size syntax: a number with an optional binary unit ({@code 64m}, {@code 1.5g}, {@code 512kb}). */
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp])?i?b?",
            Pattern.CASE_INSENSITIVE);

    private final boolean allowPrivileged;

    DockerParameterTranslator(boolean allowPrivileged) {
        this.allowPrivileged = allowPrivileged;
    }

    /** Applies the parameters in order onto {@code config}; the first bad one ends the launch. */
    void apply(List<Parameter> parameters, ContainerConfig.Builder config) throws LaunchFailure {
        for (Parameter parameter : parameters) {
            String key = parameter.key() == null ? "" : parameter.key().trim();
            String value = parameter.value() == null ? "" : parameter.value();
            applyOne(key, value, config);
        }
    }

    private void applyOne(String key, String value, ContainerConfig.Builder config) throws LaunchFailure {
        switch (key) {
            case "env" -> {
                String[] pair = pair(key, value);
                config.env(pair[0], pair[1]);
            }
            case "label" -> {
                String[] pair = pair(key, value);
                if (pair[0].startsWith(ContainerLabel.RESERVED_PREFIX)) {
                    throw LaunchFailure.invalid("docker parameter 'label': labels under '"
                            + ContainerLabel.RESERVED_PREFIX + "' are reserved for the agent");
                }
                config.label(pair[0], pair[1]);
            }
            case "hostname" -> {
                if ("host".equals(config.networkMode())) {
                    throw LaunchFailure.invalid("docker parameter 'hostname' cannot be used with HOST networking");
                }
                config.hostname(nonEmpty(key, value));
            }
            case "user" -> config.user(nonEmpty(key, value));
            case "workdir" -> config.workingDir(nonEmpty(key, value));
            case "entrypoint" -> config.entrypoint(List.of(value));
            case "init" -> config.init(bool(key, value));
            case "read-only" -> config.readOnlyRootfs(bool(key, value));
            case "stop-signal" -> config.stopSignal(nonEmpty(key, value));
            case "add-host" -> {
                if (value.indexOf(':') <= 0) {
                    throw LaunchFailure.invalid("docker parameter 'add-host' must be host:ip, not '" + value + "'");
                }
                config.extraHost(value);
            }
            case "dns" -> config.dns(nonEmpty(key, value));
            case "dns-search" -> config.dnsSearch(nonEmpty(key, value));
            case "dns-opt", "dns-option" -> config.dnsOption(nonEmpty(key, value));
            case "network-alias" -> {
                String mode = config.networkMode();
                if (mode == null || Set.of("host", "bridge", "none").contains(mode)) {
                    throw LaunchFailure.invalid("docker parameter 'network-alias' needs a USER network");
                }
                config.networkAlias(nonEmpty(key, value));
            }
            case "cap-add" -> {
                if (!allowPrivileged) {
                    throw LaunchFailure.invalid("docker parameter 'cap-add' is not allowed on this agent"
                            + " (mesos.agent.docker.allow-privileged=false)");
                }
                config.capAdd(capability(key, value));
            }
            case "cap-drop" -> config.capDrop(capability(key, value));
            case "ulimit" -> config.ulimit(ulimit(value));
            case "sysctl" -> {
                String[] pair = pair(key, value);
                config.sysctl(pair[0], pair[1]);
            }
            case "log-driver" -> {
                if (LogConfig.LoggingType.fromValue(value) == null) {
                    throw LaunchFailure.invalid("docker parameter 'log-driver': unknown driver '" + value + "'");
                }
                config.logDriver(value);
            }
            case "log-opt" -> {
                String[] pair = pair(key, value);
                config.logOption(pair[0], pair[1]);
            }
            case "memory-reservation" -> config.memoryReservation(size(key, value));
            case "memory-swappiness" -> config.memorySwappiness(number(key, value, 0, 100));
            case "shm-size" -> config.shmSize(size(key, value));
            case "pids-limit" -> config.pidsLimit(number(key, value, -1, Long.MAX_VALUE));
            case "oom-score-adj" -> config.oomScoreAdj((int) number(key, value, -1000, 1000));
            case "tmpfs" -> {
                int colon = value.indexOf(':');
                String path = colon < 0 ? value : value.substring(0, colon);
                if (!path.startsWith("/")) {
                    throw LaunchFailure.invalid("docker parameter 'tmpfs' needs an absolute path, not '" + value + "'");
                }
                config.tmpfs(path, colon < 0 ? "" : value.substring(colon + 1));
            }
            case "volume" -> {
                String[] parts = value.split(":");
                if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || !parts[1].startsWith("/")
                        || (parts.length == 3 && !Set.of("ro", "rw").contains(parts[2]))) {
                    throw LaunchFailure.invalid(
                            "docker parameter 'volume' must be source:/container/path[:ro|rw], not '" + value + "'");
                }
                config.bind(parts.length == 3 ? value : value + ":rw");
            }
            default -> throw unsupported(key);
        }
    }

    private static LaunchFailure unsupported(String key) {
        if (FROM_THE_TASK.contains(key)) {
            return LaunchFailure.invalid("docker parameter '" + key + "' is set by the agent from the task"
                    + " (name, network, port mappings, resources, privileged); supported: "
                    + String.join(", ", SUPPORTED));
        }
        return LaunchFailure.invalid("unsupported docker parameter '" + key + "'; supported: "
                + String.join(", ", SUPPORTED));
    }

    private static String nonEmpty(String key, String value) throws LaunchFailure {
        if (value.isBlank()) {
            throw LaunchFailure.invalid("docker parameter '" + key + "' needs a value");
        }
        return value;
    }

    /** {@code name=value}, as {@code --env} and {@code --label} take it; the value may be empty. */
    private static String[] pair(String key, String value) throws LaunchFailure {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw LaunchFailure.invalid("docker parameter '" + key + "' must be name=value, not '" + value + "'");
        }
        return new String[] {value.substring(0, eq), value.substring(eq + 1)};
    }

    /** A flag without a value means true, as on the command line. */
    private static boolean bool(String key, String value) throws LaunchFailure {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "", "true" -> true;
            case "false" -> false;
            default -> throw LaunchFailure.invalid("docker parameter '" + key + "' must be true or false, not '"
                    + value + "'");
        };
    }

    private static long number(String key, String value, long min, long max) throws LaunchFailure {
        try {
            long n = Long.parseLong(value.trim());
            if (n < min || n > max) {
                throw LaunchFailure.invalid("docker parameter '" + key + "' must be between " + min + " and " + max
                        + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw LaunchFailure.invalid("docker parameter '" + key + "' must be a number, not '" + value + "'");
        }
    }

    /** Docker's sizes are binary: {@code 1k} is 1024 bytes. */
    static long size(String key, String value) throws LaunchFailure {
        Matcher m = SIZE.matcher(value.trim());
        if (!m.matches()) {
            throw LaunchFailure.invalid("docker parameter '" + key + "' must be a size such as 64m or 1g, not '"
                    + value + "'");
        }
        double number = Double.parseDouble(m.group(1));
        int power = m.group(2) == null ? 0 : "kmgtp".indexOf(Character.toLowerCase(m.group(2).charAt(0))) + 1;
        return (long) (number * Math.pow(1024, power));
    }

    private static String capability(String key, String value) throws LaunchFailure {
        String name = value.trim().toUpperCase(Locale.ROOT);
        if (name.startsWith("CAP_")) {
            name = name.substring(4);
        }
        try {
            Capability.valueOf(name);
            return name;
        } catch (IllegalArgumentException e) {
            throw LaunchFailure.invalid("docker parameter '" + key + "': unknown capability '" + value + "'");
        }
    }

    private static ContainerConfig.Ulimit ulimit(String value) throws LaunchFailure {
        int eq = value.indexOf('=');
        try {
            if (eq <= 0) {
                throw new NumberFormatException();
            }
            String[] limits = value.substring(eq + 1).split(":");
            if (limits.length > 2) {
                throw new NumberFormatException();
            }
            long soft = Long.parseLong(limits[0].trim());
            long hard = limits.length == 2 ? Long.parseLong(limits[1].trim()) : soft;
            return new ContainerConfig.Ulimit(value.substring(0, eq).trim(), soft, hard);
        } catch (NumberFormatException e) {
            throw LaunchFailure.invalid("docker parameter 'ulimit' must be name=soft[:hard], not '" + value + "'");
        }
    }
}
