package io.mpaas.agent.docker;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The operations of the Docker engine that the containerizer uses, and nothing else, so
 * that an in-memory engine can stand in for it in tests. Containers are addressed by name
 * ({@code mesos-<container id>}), which the engine accepts wherever it accepts an id.
 *
 * <p>Every method may block on the engine; a failure of the engine surfaces as a
 * {@link DockerEngineException} whose {@link DockerEngineException.Reason} tells "no such
 * thing" from "engine unreachable" from "engine refused".
 */
public interface DockerEngine {

    /** Where the engine is, for messages ("Docker engine at unix:///var/run/docker.sock ..."). */
    String host();

    /** Returns when the engine answers; throws when it does not. */
    void ping();

    /** Whether the image is present locally (never contacts a registry). */
    boolean imageExists(String image);

    /**
     * Pulls the image, reporting progress as it comes. Returns when the image is present.
     * Interruptible: an interrupted pull stops reading and throws {@link InterruptedException}.
     */
    void pull(String image, Consumer<PullProgress> progress) throws InterruptedException;

    /** Creates (does not start) a container; returns its id. */
    String create(ContainerConfig config);

    void start(String container);

    /** The container's current state, or empty when there is no such container. */
    Optional<ContainerDetails> inspect(String container);

    /** Blocks until the container is not running; returns its exit status. Interruptible. */
    int await(String container) throws InterruptedException;

    /**
     * SIGTERM (or the image's stop signal), then SIGKILL after {@code timeout}; returns once
     * the container has stopped. A container that is already stopped is not an error.
     */
    void stop(String container, Duration timeout);

    /** SIGKILL now. A container that is not running is not an error. */
    void kill(String container);

    /**
     * Removes the container with its anonymous volumes, killing it first if it runs
     * ({@code docker rm -v -f}). Returns false when there was no such container.
     */
    boolean remove(String container);

    /** All containers, running or exited, whose label {@code key} has exactly {@code value}. */
    List<ContainerSummary> list(String labelKey, String labelValue);

    /**
     * Runs {@code command} (an argv) inside the running container with extra environment
     * variables and collects up to {@code outputLimit} bytes of each output stream. When the
     * command has not finished after {@code timeout}, stops reading and returns a timed-out
     * result; the command itself is left to the caller to kill.
     */
    ExecOutput exec(String container, List<String> command, Map<String, String> environment, Duration timeout,
            int outputLimit) throws InterruptedException;

    /** One sample of the container's resource use, or empty when there is no such container. */
    Optional<ContainerStats> stats(String container);

    /**
     * Copies the container's stdout and stderr, from {@code sinceEpochSecond} on (0: from the
     * start), into the two streams, following until the container stops. Interruptible.
     */
    void followLogs(String container, long sinceEpochSecond, OutputStream stdout, OutputStream stderr)
            throws InterruptedException;

    /**
     * One progress message of a pull.
     *
     * @param layer the layer it is about, or null for messages about the whole image
     * @param status what the engine says ("Downloading", "Pull complete", ...)
     * @param current bytes done, when the engine says
     * @param total bytes in all, when the engine says
     */
    record PullProgress(String layer, String status, Long current, Long total) {
    }

    /**
     * The outcome of {@link #exec}.
     *
     * @param exitCode null when it timed out or the engine did not report one
     */
    record ExecOutput(Integer exitCode, boolean timedOut, String stdout, String stderr) {
    }

    /**
     * A container found by {@link #list}.
     *
     * @param name without Docker's leading slash
     */
    record ContainerSummary(String id, String name, Map<String, String> labels, boolean running) {
        public ContainerSummary {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }
}
