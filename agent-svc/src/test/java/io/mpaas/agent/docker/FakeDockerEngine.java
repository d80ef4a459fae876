package io.mpaas.agent.docker;

import io.mpaas.agent.container.LaunchSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An in-memory Docker engine: containers are records of what was asked, exits happen when
 * a test says so, and every call is remembered for assertions. Failure modes are switched
 * on by the test (engine down, pull fails or hangs, start fails).
 */
final class FakeDockerEngine implements DockerEngine {

    static final String HOST = "unix:///fake/docker.sock";

    /** What a pull does. */
    enum PullOutcome { SUCCEED, FAIL, HANG }

    final Set<String> images = ConcurrentHashMap.newKeySet();
    final Map<String, Container> containers = new ConcurrentHashMap<>();
    final List<String> pulls = new CopyOnWriteArrayList<>();
    /** Every "is this image present" question, in order. */
    final List<String> imageChecks = new CopyOnWriteArrayList<>();
    final List<String> removed = new CopyOnWriteArrayList<>();
    final List<Stop> stops = new CopyOnWriteArrayList<>();
    final List<List<String>> execs = new CopyOnWriteArrayList<>();
    final AtomicInteger pings = new AtomicInteger();
    final CountDownLatch pullInterrupted = new CountDownLatch(1);

    volatile boolean down;
    /** While set, a ping waits for it to be counted down (an engine too busy to answer at once). */
    volatile CountDownLatch slowPing;
    volatile PullOutcome pullOutcome = PullOutcome.SUCCEED;
    volatile String startError;
    volatile ExecOutput execOutput = new ExecOutput(0, false, "", "");
    volatile ContainerStats stats;
    /** What the next created container writes to stdout and stderr. */
    volatile String nextStdout = "";
    volatile String nextStderr = "";

    record Stop(String name, Duration timeout) {
    }

    /** One container; {@code config} is null for containers the test put there directly. */
    static final class Container {
        final String id;
        final String name;
        final ContainerConfig config;
        final Map<String, String> labels;
        final CountDownLatch exited = new CountDownLatch(1);
        volatile boolean running;
        volatile Integer exitCode;
        volatile boolean oomKilled;
        volatile String stdout = "";
        volatile String stderr = "";

        Container(String id, String name, ContainerConfig config, Map<String, String> labels) {
            this.id = id;
            this.name = name;
            this.config = config;
            this.labels = labels;
        }

        void exit(int code) {
            running = false;
            exitCode = code;
            exited.countDown();
        }
    }

    /** A container some other party created (another agent, an operator), already running or exited. */
    Container put(String name, Map<String, String> labels, boolean running) {
        Container container = new Container("id-" + name, name, null, labels);
        container.running = running;
        if (!running) {
            container.exit(0);
        }
        containers.put(name, container);
        return container;
    }

    ContainerConfig created(String name) {
        Container container = containers.get(name);
        if (container == null || container.config == null) {
            throw new AssertionError("no container " + name + " was created; there are " + containers.keySet());
        }
        return container.config;
    }

    private void checkUp() {
        if (down) {
            throw DockerEngineException.unreachable(HOST, "connect: no such file or directory", null);
        }
    }

    private Container existing(String name) {
        Container container = containers.get(name);
        if (container == null) {
            throw new DockerEngineException(DockerEngineException.Reason.NOT_FOUND, "No such container: " + name);
        }
        return container;
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public void ping() {
        pings.incrementAndGet();
        checkUp();
        CountDownLatch busy = slowPing;
        if (busy != null) {
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean imageExists(String image) {
        checkUp();
        imageChecks.add(image);
        return images.contains(image);
    }

    @Override
    public void pull(String image, Consumer<PullProgress> progress) throws InterruptedException {
        checkUp();
        pulls.add(image);
        switch (pullOutcome) {
            case SUCCEED -> {
                progress.accept(new PullProgress("layer1", "Downloading", 10L, 100L));
                progress.accept(new PullProgress("layer1", "Pull complete", null, null));
                images.add(image);
            }
            case FAIL -> throw new DockerEngineException(DockerEngineException.Reason.NOT_FOUND,
                    "pull access denied for " + image + ", repository does not exist");
            case HANG -> {
                try {
                    new CountDownLatch(1).await();
                } finally {
                    pullInterrupted.countDown();
                }
            }
        }
    }

    @Override
    public String create(ContainerConfig config) {
        checkUp();
        if (!images.contains(config.image())) {
            throw new DockerEngineException(DockerEngineException.Reason.NOT_FOUND, "No such image: " + config.image());
        }
        if (containers.containsKey(config.name())) {
            throw new DockerEngineException(DockerEngineException.Reason.CONFLICT,
                    "Conflict. The container name \"/" + config.name() + "\" is already in use");
        }
        Container container = new Container("id-" + config.name(), config.name(), config, config.labels());
        container.stdout = nextStdout;
        container.stderr = nextStderr;
        containers.put(config.name(), container);
        return container.id;
    }

    @Override
    public void start(String name) {
        checkUp();
        Container container = existing(name);
        if (startError != null) {
            throw new DockerEngineException(DockerEngineException.Reason.REJECTED, startError);
        }
        container.running = true;
    }

    @Override
    public Optional<ContainerDetails> inspect(String name) {
        checkUp();
        Container c = containers.get(name);
        if (c == null) {
            return Optional.empty();
        }
        Map<String, String> mounts = new HashMap<>();
        String networkMode = "bridge";
        Integer shares = null;
        Long memory = null;
        if (c.config != null) {
            for (String bind : c.config.binds()) {
                String[] parts = bind.split(":");
                mounts.put(parts[1], parts[0]);
            }
            networkMode = c.config.networkMode();
            shares = c.config.limits().cpuShares();
            memory = c.config.limits().memory();
        }
        boolean running = c.running;
        return Optional.of(new ContainerDetails(c.id, c.name, c.labels, running, running ? null : c.exitCode,
                c.oomKilled, null, running ? null : Instant.parse("2025-01-01T00:00:00Z"), running ? 4242L : null,
                networkMode, Map.of("bridge", "172.17.0.5"), mounts, shares, null, null, memory));
    }

    @Override
    public int await(String name) throws InterruptedException {
        checkUp();
        Container container = existing(name);
        container.exited.await();
        return container.exitCode;
    }

    @Override
    public void stop(String name, Duration timeout) {
        checkUp();
        stops.add(new Stop(name, timeout));
        Container container = existing(name);
        if (container.running) {
            container.exit(143);
        }
    }

    @Override
    public void kill(String name) {
        checkUp();
        Container container = existing(name);
        if (container.running) {
            container.exit(137);
        }
    }

    @Override
    public boolean remove(String name) {
        checkUp();
        Container container = containers.remove(name);
        if (container == null) {
            return false;
        }
        removed.add(name);
        if (container.running) {
            container.exit(137);
        }
        return true;
    }

    @Override
    public List<ContainerSummary> list(String labelKey, String labelValue) {
        checkUp();
        return containers.values().stream()
                .filter(c -> labelValue.equals(c.labels.get(labelKey)))
                .map(c -> new ContainerSummary(c.id, c.name, c.labels, c.running))
                .toList();
    }

    @Override
    public ExecOutput exec(String name, List<String> command, Map<String, String> environment, Duration timeout,
            int outputLimit) {
        checkUp();
        existing(name);
        execs.add(command);
        return execOutput;
    }

    @Override
    public Optional<ContainerStats> stats(String name) {
        checkUp();
        return containers.containsKey(name) ? Optional.ofNullable(stats) : Optional.empty();
    }

    /** Writes what the test put in the container's output, then follows until it exits. */
    @Override
    public void followLogs(String name, long since, OutputStream stdout, OutputStream stderr)
            throws InterruptedException {
        Container container = existing(name);
        try {
            stdout.write(container.stdout.getBytes(StandardCharsets.UTF_8));
            stderr.write(container.stderr.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        container.exited.await();
    }

    /** Where the sandbox of a created container is mounted from. */
    static String sandboxOf(ContainerConfig config) {
        return config.binds().stream()
                .filter(b -> b.contains(":" + LaunchSpec.SANDBOX_IN_CONTAINER + ":"))
                .findFirst().orElseThrow();
    }
}
