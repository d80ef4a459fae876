package io.mpaas.agent.health;

import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.HealthCheck;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A task's health check with Mesos's defaults filled in and every field checked, so that
 * the checker never meets a missing or nonsensical value while the task runs. Built with
 * {@link #from(HealthCheck)} when the task is launched.
 *
 * @param target what is probed and how success is recognised
 * @param delay how long after the start the first probe runs
 * @param interval the pause between the end of one probe and the start of the next (Mesos
 *     schedules the next check when the previous one has finished, so a slow probe never
 *     overlaps the next one)
 * @param timeout how long one probe may take before it counts as failed; {@link
 *     Duration#ZERO} means no limit, as in Mesos
 * @param consecutiveFailures how many failures in a row (outside the grace period) kill the
 *     task; 0 kills it on the first failure that counts, as Mesos does
 * @param gracePeriod how long after the start failures are ignored, until the first success
 */
public record HealthCheckSpec(
        Target target,
        Duration delay,
        Duration interval,
        Duration timeout,
        int consecutiveFailures,
        Duration gracePeriod) {

    /** Mesos's defaults ({@code mesos.proto}, {@code HealthCheck}). */
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(15);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_CONSECUTIVE_FAILURES = 3;
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(10);

    /** The largest number of seconds a {@link Duration} of nanoseconds in a long can hold. */
    private static final double MAX_SECONDS = Long.MAX_VALUE / 1e9;

    public HealthCheckSpec {
        Objects.requireNonNull(target, "target");
        requireNonNegative(delay, "delay");
        requireNonNegative(interval, "interval");
        requireNonNegative(timeout, "timeout");
        requireNonNegative(gracePeriod, "gracePeriod");
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutiveFailures must not be negative: " + consecutiveFailures);
        }
    }

    /** What a check probes; one record per {@link HealthCheck.Type}. */
    public sealed interface Target {
    }

    /**
     * A GET of {@code scheme://<task address>:port path}, following redirects as Mesos's
     * {@code curl -L} does; HTTPS accepts any certificate ({@code curl -k}).
     *
     * @param statuses the status codes that count as healthy; empty means 200 to 399
     */
    public record Http(String scheme, int port, String path, Set<Integer> statuses) implements Target {
        public Http {
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(path, "path");
            statuses = Set.copyOf(statuses);
        }

        /**
         * Mesos's built-in executors count 200 to 399 and ignore {@code statuses}; we honour
         * {@code statuses} when the task names them, which the Mesos docs leave open to
         * executors, and fall back to Mesos's range otherwise.
         */
        public boolean accepts(int status) {
            return statuses.isEmpty() ? status >= 200 && status <= 399 : statuses.contains(status);
        }
    }

    /** A TCP connect to the task's port; healthy when the connection is established. */
    public record Tcp(int port) implements Target {
    }

    /**
     * A command run in the task's context through {@code /bin/sh -c}; healthy on exit 0.
     *
     * @param environment the check's own variables, added to the task's environment
     */
    public record Command(String shellCommand, Map<String, String> environment) implements Target {
        public Command {
            Objects.requireNonNull(shellCommand, "shellCommand");
            environment = Map.copyOf(environment);
        }
    }

    /** Whether a probe is cut off after {@link #timeout()}. */
    public boolean hasTimeout() {
        return !timeout.isZero();
    }

    /**
     * Resolves Mesos's defaults and validates the check the way Mesos's master does
     * ({@code common/validation.cpp}, {@code validateHealthCheck}), plus what the protobuf
     * schema enforced there (a port is required and must be a port).
     *
     * @throws InvalidHealthCheckException when the check cannot be run; the task gets
     *     TASK_ERROR
     */
    public static HealthCheckSpec from(HealthCheck check) throws InvalidHealthCheckException {
        Objects.requireNonNull(check, "check");
        if (check.type() == null) {
            throw new InvalidHealthCheckException("HealthCheck must specify 'type'");
        }
        Target target = switch (check.type()) {
            case COMMAND -> command(check.command());
            case HTTP -> http(check.http());
            case TCP -> tcp(check.tcp());
            case UNKNOWN -> throw new InvalidHealthCheckException("'UNKNOWN' is not a valid health check type");
        };
        return new HealthCheckSpec(
                target,
                seconds(check.delaySeconds(), "delay_seconds", DEFAULT_DELAY),
                seconds(check.intervalSeconds(), "interval_seconds", DEFAULT_INTERVAL),
                seconds(check.timeoutSeconds(), "timeout_seconds", DEFAULT_TIMEOUT),
                consecutiveFailures(check.consecutiveFailures()),
                seconds(check.gracePeriodSeconds(), "grace_period_seconds", DEFAULT_GRACE_PERIOD));
    }

    private static Command command(CommandInfo command) throws InvalidHealthCheckException {
        if (command == null) {
            throw new InvalidHealthCheckException("Expecting 'command' to be set for COMMAND health check");
        }
        if (command.value() == null || command.value().isBlank()) {
            throw new InvalidHealthCheckException("Command health check must contain "
                    + (command.isShell() ? "'shell command'" : "'executable path'"));
        }
        Map<String, String> environment = new LinkedHashMap<>();
        if (command.environment() != null) {
            for (CommandInfo.Environment.Variable variable : command.environment().variables()) {
                if (variable.name() == null || variable.name().isEmpty()) {
                    throw new InvalidHealthCheckException(
                            "Health check's `CommandInfo` is invalid: an environment variable has no name");
                }
                // The agent cannot resolve secrets; running the check without the variable
                // would make it fail for a reason the task owner cannot see.
                if ("SECRET".equals(variable.type())) {
                    throw new InvalidHealthCheckException("Health check's `CommandInfo` is invalid: secret "
                            + "environment variable '" + variable.name() + "' is not supported");
                }
                environment.put(variable.name(), variable.value() == null ? "" : variable.value());
            }
        }
        return new Command(command.isShell() ? command.value() : execLine(command), environment);
    }

    /**
     * A non-shell command as one shell line: {@code exec} of the quoted executable with the
     * quoted arguments. {@code arguments} is the argv, so its first element is the program's
     * name and not passed (Mesos's command executor execs {@code value} with that argv).
     */
    private static String execLine(CommandInfo command) {
        List<String> arguments = command.arguments();
        return "exec " + quote(command.value()) + arguments.stream()
                .skip(1)
                .map(argument -> " " + quote(argument))
                .collect(Collectors.joining());
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static Http http(HealthCheck.Http http) throws InvalidHealthCheckException {
        if (http == null) {
            throw new InvalidHealthCheckException("Expecting 'http' to be set for HTTP health check");
        }
        String scheme = http.scheme() == null ? "http" : http.scheme();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidHealthCheckException("Unsupported HTTP health check scheme: '" + scheme + "'");
        }
        String path = http.path() == null || http.path().isEmpty() ? "/" : http.path();
        if (!path.startsWith("/")) {
            throw new InvalidHealthCheckException(
                    "The path '" + path + "' of HTTP health check must start with '/'");
        }
        try {
            new URI(scheme + "://127.0.0.1:1" + path);
        } catch (URISyntaxException e) {
            throw new InvalidHealthCheckException(
                    "The path '" + path + "' of HTTP health check is not a valid URL path: " + e.getReason());
        }
        Set<Integer> statuses = new TreeSet<>();
        for (Long status : http.statuses()) {
            if (status == null || status < 100 || status > 599) {
                throw new InvalidHealthCheckException(
                        "HTTP health check status " + status + " is not an HTTP status code (100-599)");
            }
            statuses.add(status.intValue());
        }
        return new Http(scheme, port(http.port(), "http"), path, statuses);
    }

    private static Tcp tcp(HealthCheck.Tcp tcp) throws InvalidHealthCheckException {
        if (tcp == null) {
            throw new InvalidHealthCheckException("Expecting 'tcp' to be set for TCP health check");
        }
        return new Tcp(port(tcp.port(), "tcp"));
    }

    private static int port(Long port, String field) throws InvalidHealthCheckException {
        if (port == null) {
            throw new InvalidHealthCheckException("Expecting '" + field + ".port' to be set for "
                    + field.toUpperCase(Locale.ROOT) + " health check");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidHealthCheckException(
                    "Expecting '" + field + ".port' to be a port (1-65535), not " + port);
        }
        return port.intValue();
    }

    private static Duration seconds(Double seconds, String field, Duration fallback)
            throws InvalidHealthCheckException {
        if (seconds == null) {
            return fallback;
        }
        if (seconds.isNaN() || seconds.isInfinite()) {
            throw new InvalidHealthCheckException("Expecting '" + field + "' to be a finite number");
        }
        if (seconds < 0.0) {
            throw new InvalidHealthCheckException("Expecting '" + field + "' to be non-negative");
        }
        if (seconds > MAX_SECONDS) {
            throw new InvalidHealthCheckException(
                    "Expecting '" + field + "' to be at most " + (long) MAX_SECONDS + " seconds");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private static int consecutiveFailures(Integer value) throws InvalidHealthCheckException {
        if (value == null) {
            return DEFAULT_CONSECUTIVE_FAILURES;
        }
        if (value < 0) {
            throw new InvalidHealthCheckException("Expecting 'consecutive_failures' to be non-negative");
        }
        return value;
    }

    private static void requireNonNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
    }
}
