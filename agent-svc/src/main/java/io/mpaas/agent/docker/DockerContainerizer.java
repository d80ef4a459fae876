package io.mpaas.agent.docker;

import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.agent.container.ContainerKind;
import io.mpaas.agent.container.Containerizer;
import io.mpaas.agent.container.LaunchFailure;
import io.mpaas.agent.container.LaunchSpec;
import io.mpaas.agent.container.Recovery;
import io.mpaas.agent.container.StartGate;
import io.mpaas.protocol.mesos.ContainerId;
import io.mpaas.protocol.mesos.ContainerInfo.DockerInfo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs DOCKER tasks as Docker containers named {@code mesos-<container id>}, the way Mesos's
 * docker containerizer does (see {@link DockerLaunchPlanner} for how a task becomes a
 * container), through the engine's API instead of the {@code docker} CLI and without a
 * per-task docker executor: the agent itself follows each container.
 *
 * <p>Every container carries {@link ContainerLabel labels} naming its task, framework,
 * container id and this agent's work directory; recovery looks only at containers with this
 * agent's work directory, so several agents can share one engine.
 *
 * <p>Exited containers are kept (their exit status and logs stay readable) until the agent
 * calls {@link #remove}, Mesos's {@code --docker_remove_delay}.
 */
public final class DockerContainerizer implements Containerizer {

    private static final Logger log = LoggerFactory.getLogger(DockerContainerizer.class);
    /** The engine's share of each launch at DEBUG, beside the task's own timeline (logged by the task runner). */
    private static final Logger timing = LoggerFactory.getLogger("io.mpaas.agent.launch-timing");

    /** A container's name: Mesos's, so that operators' tooling that greps {@code docker ps} keeps working. */
    public static final String NAME_PREFIX = "mesos-";

    /**
     * How long {@link #available} waits for the engine's ping. A healthy idle engine answers in
     * milliseconds, but one busy creating fifty containers on a loaded machine can take seconds:
     * a ping that is merely slow counts as "available" (the launch's own requests are bounded by
     * the response timeout); only an engine that cannot be reached at all is "not available".
     */
    static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
    /** How long an answer of {@link #available} is reused, so a dead engine costs one ping per few seconds, not one per launch. */
    static final Duration AVAILABILITY_TTL = Duration.ofSeconds(5);

    private final DockerEngine engine;
    private final Clock clock;
    private final String workDirIdentity;
    private final DockerLaunchPlanner planner;
    private final ImagePuller puller;
    private Availability availability;

    /**
     * @param agentWorkDir this agent's work directory; its absolute path identifies this
     *     agent's containers on a shared engine
     */
    public DockerContainerizer(DockerEngine engine, DockerProperties properties, Path agentWorkDir, Clock clock) {
        this.engine = engine;
        this.clock = clock;
        this.workDirIdentity = agentWorkDir.toAbsolutePath().normalize().toString();
        this.planner = new DockerLaunchPlanner(properties.allowPrivileged(), properties.cfsQuota(), workDirIdentity);
        this.puller = new ImagePuller(engine, properties.registrationTimeout(), clock);
    }

    /** The Docker name of a container: {@code mesos-<id>}. */
    public static String containerName(ContainerId id) {
        return NAME_PREFIX + id.value();
    }

    /** The value of {@link ContainerLabel#AGENT_WORK_DIR} on this agent's containers. */
    public String workDirIdentity() {
        return workDirIdentity;
    }

    @Override
    public ContainerKind kind() {
        return ContainerKind.DOCKER;
    }

    @Override
    public synchronized boolean available() {
        Instant now = clock.instant();
        if (availability == null || !now.isBefore(availability.checkedAt().plus(AVAILABILITY_TTL))) {
            String problem = ping();
            if (problem != null && (availability == null || availability.up())) {
                log.warn("{}; Docker tasks cannot run until it does", problem);
            } else if (problem == null && availability != null && !availability.up()) {
                log.info("Docker engine at {} answers again", engine.host());
            }
            availability = new Availability(problem == null, now);
        }
        return availability.up();
    }

    /** Null when the engine answered, or is merely slow to ({@link #PING_TIMEOUT}); else why it cannot be reached. */
    private String ping() {
        FutureTask<Void> ping = new FutureTask<>(() -> {
            engine.ping();
            return null;
        });
        Thread.ofVirtual().name("docker-ping").start(ping);
        try {
            ping.get(PING_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            return null;
        } catch (TimeoutException e) {
            ping.cancel(true);
            log.warn("Docker engine at {} does not answer a ping within {}; launching anyway", engine.host(),
                    ImagePuller.human(PING_TIMEOUT));
            return null;
        } catch (InterruptedException e) {
            ping.cancel(true);
            Thread.currentThread().interrupt();
            return "Interrupted while pinging the Docker engine at " + engine.host();
        } catch (ExecutionException e) {
            return e.getCause() instanceof DockerEngineException d && d.unreachable() ? d.getMessage()
                    : "Docker engine at " + engine.host() + " does not answer: " + e.getCause().getMessage();
        }
    }

    @Override
    public ContainerHandle launch(LaunchSpec spec, StartGate gate) throws LaunchFailure, InterruptedException {
        long begin = System.nanoTime();
        ContainerConfig config = planner.plan(spec);
        String name = config.name();
        DockerInfo docker = spec.task().container().docker();
        long imageReady;
        long created;
        boolean forcePull = Boolean.TRUE.equals(docker.forcePullImage());
        try {
            boolean earlierAnswer = puller.ensure(config.image(), forcePull, name);
            imageReady = System.nanoTime();
            try {
                engine.create(config);
            } catch (DockerEngineException e) {
                if (!earlierAnswer || !e.notFound()) {
                    throw e;
                }
                // The image was removed since it was last seen: look (and pull) again.
                puller.forget(config.image());
                puller.ensure(config.image(), forcePull, name);
                engine.create(config);
            }
            created = System.nanoTime();
        } catch (DockerEngineException e) {
            throw failure("Cannot create container " + name, e);
        }
        try {
            gate.await();
        } catch (LaunchFailure | InterruptedException | RuntimeException e) {
            discard(name);
            throw e;
        }
        try {
            engine.start(name);
        } catch (DockerEngineException e) {
            discard(name);
            throw failure("Cannot start container " + name, e);
        } catch (RuntimeException e) {
            discard(name);
            throw e;
        }
        long started = System.nanoTime();
        LogFollower logs = new LogFollower(engine, name, spec.sandbox());
        logs.start(0);
        timing.debug("Launch timing of container {} (task {}): image={} create={} start={}", name,
                spec.task().taskId().value(), (imageReady - begin) / 1_000_000, (created - imageReady) / 1_000_000,
                (started - created) / 1_000_000);
        log.info("Started container {} (image {}) for task {}", name, config.image(), spec.task().taskId());
        return new DockerContainerHandle(spec.containerId(), engine, clock, spec.cpus(), logs);
    }

    private static LaunchFailure failure(String doing, DockerEngineException e) {
        return LaunchFailure.failed(e.unreachable() ? e.getMessage() : doing + ": " + e.getMessage(), e);
    }

    /** Nothing of a task that failed to start may stay behind (the contract of {@link #launch}). */
    private void discard(String name) {
        try {
            engine.remove(name);
        } catch (DockerEngineException e) {
            log.warn("Cannot remove container {} after its failed start: {}", name, e.getMessage());
        }
    }

    /**
     * Looks at every container, running or exited, labelled with this agent's work
     * directory: the known ones come back as handles (log copying resumes where the sandbox
     * files end), the others are orphans of this agent and are removed. Containers of other
     * agents or of no agent are never touched. When the engine does not answer, nothing is
     * found (the agent then treats its Docker containers as vanished) and nothing is killed.
     */
    @Override
    public Recovery recover(Set<ContainerId> known) throws InterruptedException {
        List<DockerEngine.ContainerSummary> ours;
        try {
            ours = engine.list(ContainerLabel.AGENT_WORK_DIR.key(), workDirIdentity);
        } catch (DockerEngineException e) {
            log.warn("Cannot recover Docker containers: {}", e.getMessage());
            return new Recovery(Map.of(), List.of());
        }
        Map<ContainerId, ContainerHandle> found = new HashMap<>();
        List<String> orphans = new ArrayList<>();
        for (DockerEngine.ContainerSummary container : ours) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            ContainerId id = idOf(container);
            if (id != null && known.contains(id)) {
                found.put(id, reattach(id, container));
            } else {
                log.info("Removing orphan container {} (task {})", container.name(),
                        container.labels().get(ContainerLabel.TASK_ID.key()));
                try {
                    engine.remove(container.name());
                    orphans.add(container.name());
                } catch (DockerEngineException e) {
                    log.warn("Cannot remove orphan container {}: {}", container.name(), e.getMessage());
                }
            }
        }
        log.info("Recovered {} Docker container(s), removed {} orphan(s)", found.size(), orphans.size());
        return new Recovery(found, orphans);
    }

    private static ContainerId idOf(DockerEngine.ContainerSummary container) {
        String label = container.labels().get(ContainerLabel.CONTAINER_ID.key());
        if (label != null && !label.isBlank()) {
            return ContainerId.of(label);
        }
        return container.name().startsWith(NAME_PREFIX)
                ? ContainerId.of(container.name().substring(NAME_PREFIX.length())) : null;
    }

    private ContainerHandle reattach(ContainerId id, DockerEngine.ContainerSummary container) {
        Optional<Path> sandbox = Optional.empty();
        try {
            sandbox = engine.inspect(container.name())
                    .map(details -> details.mounts().get(LaunchSpec.SANDBOX_IN_CONTAINER))
                    .map(Path::of);
        } catch (DockerEngineException e) {
            log.warn("Cannot inspect recovered container {}: {}", container.name(), e.getMessage());
        }
        LogFollower logs = new LogFollower(engine, container.name(), sandbox.orElse(null));
        if (sandbox.isPresent()) {
            logs.start(LogFollower.resumePoint(sandbox.get()));
        } else {
            log.warn("Recovered container {} has no sandbox mount; its logs are not copied", container.name());
        }
        return new DockerContainerHandle(id, engine, clock, null, logs);
    }

    @Override
    public void remove(ContainerId id) {
        String name = containerName(id);
        try {
            if (engine.remove(name)) {
                log.info("Removed container {}", name);
            }
        } catch (DockerEngineException e) {
            log.warn("Cannot remove container {}: {}", name, e.getMessage());
        }
    }

    /** The last answer of {@link #available} and when it was taken. */
    private record Availability(boolean up, Instant checkedAt) {
    }
}
