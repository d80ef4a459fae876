package io.mpaas.agent.docker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the agent reaches and uses the Docker engine ({@code mesos.agent.docker.*}).
 *
 * @param host the engine's address: {@code unix:///path} or {@code tcp://host:port} (Mesos's
 *     {@code --docker_socket})
 * @param registrationTimeout how long a launch may spend pulling the image. Mesos counts the
 *     pull against {@code --executor_registration_timeout} and fails the task with
 *     REASON_EXECUTOR_REGISTRATION_TIMEOUT; the default 5 minutes is what operators raise
 *     Mesos's 1 minute to for real images, so a large pull does not fail every first launch
 * @param connectTimeout how long to wait for a connection to the engine: a local socket
 *     connects at once or not at all, so a few seconds tell a dead engine from a busy one
 * @param responseTimeout how long a short request (inspect, create, start, remove) may wait
 *     for the engine's answer: long enough for a loaded engine setting up a network, short
 *     enough that a wedged engine fails launches instead of hanging them. Streams (wait,
 *     logs, pull, stop) have no such limit: they last as long as the container
 * @param allowPrivileged whether tasks may ask for {@code docker.privileged} (or
 *     {@code cap-add}): off by default because a privileged container owns the host
 * @param cfsQuota whether to cap CPU with a CFS quota of {@code cpus} per 100 ms (Mesos's
 *     {@code --cgroups_enable_cfs}); off by default, as in Mesos, so idle CPU is shared
 */
@ConfigurationProperties("mesos.agent.docker")
public record DockerProperties(
        String host,
        Duration registrationTimeout,
        Duration connectTimeout,
        Duration responseTimeout,
        boolean allowPrivileged,
        boolean cfsQuota) {

    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    public DockerProperties {
        host = host == null || host.isBlank() ? DEFAULT_HOST : host;
        registrationTimeout = positiveOr(registrationTimeout, Duration.ofMinutes(5));
        connectTimeout = positiveOr(connectTimeout, Duration.ofSeconds(5));
        responseTimeout = positiveOr(responseTimeout, Duration.ofMinutes(2));
    }

    /** All defaults: the local engine, no privileged containers, no CFS quota. */
    public static DockerProperties defaults() {
        return new DockerProperties(null, null, null, null, false, false);
    }

    public DockerProperties withHost(String newHost) {
        return new DockerProperties(newHost, registrationTimeout, connectTimeout, responseTimeout, allowPrivileged,
                cfsQuota);
    }

    public DockerProperties withRegistrationTimeout(Duration timeout) {
        return new DockerProperties(host, timeout, connectTimeout, responseTimeout, allowPrivileged, cfsQuota);
    }

    public DockerProperties withAllowPrivileged(boolean allow) {
        return new DockerProperties(host, registrationTimeout, connectTimeout, responseTimeout, allow, cfsQuota);
    }

    public DockerProperties withCfsQuota(boolean enabled) {
        return new DockerProperties(host, registrationTimeout, connectTimeout, responseTimeout, allowPrivileged,
                enabled);
    }

    private static Duration positiveOr(Duration value, Duration fallback) {
        return value == null || value.isNegative() || value.isZero() ? fallback : value;
    }
}
