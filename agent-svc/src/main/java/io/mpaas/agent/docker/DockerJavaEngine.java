package io.mpaas.agent.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.WaitResponse;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link DockerEngine} on docker-java with the Apache HttpClient 5 transport.
 *
 * <p>Two connection pools: short requests (inspect, create, start, remove, exec create,
 * stats) have a response timeout so that a wedged engine fails a launch instead of hanging
 * it; streams (wait, logs, pull, exec output, stop) have none, because they legitimately
 * stay silent as long as a container runs. Each running container holds two streams (wait
 * and logs), hence the large stream pool.
 *
 * <p>Creating the engine does not connect: an agent whose engine is down still starts.
 */
public final class DockerJavaEngine implements DockerEngine, AutoCloseable {

    /** Streams per running container (wait, logs) times a generous number of containers. */
    private static final int STREAM_CONNECTIONS = 2048;
    private static final int REQUEST_CONNECTIONS = 64;
    /** How long an exec's exit code may lag behind the end of its output in the engine. */
    private static final Duration EXEC_EXIT_GRACE = Duration.ofSeconds(2);
    private static final Pattern ENGINE_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String host;
    private final DockerHttpClient requestHttp;
    private final DockerClient requests;
    private final DockerClient streams;

    /**
     * @param host {@code unix:///var/run/docker.sock} or {@code tcp://host:port}
     * @param connectTimeout how long to wait for a connection
     * @param responseTimeout how long a short request waits for its answer (streams never time out)
     */
    public DockerJavaEngine(String host, Duration connectTimeout, Duration responseTimeout) {
        this.host = host;
        DockerClientConfig config = new DefaultDockerClientConfig.Builder().withDockerHost(host).build();
        URI uri = config.getDockerHost();
        this.requestHttp = new ApacheDockerHttpClient.Builder().dockerHost(uri).sslConfig(config.getSSLConfig())
                .maxConnections(REQUEST_CONNECTIONS).connectionTimeout(connectTimeout).responseTimeout(responseTimeout)
                .build();
        DockerHttpClient streamHttp = new ApacheDockerHttpClient.Builder().dockerHost(uri).sslConfig(config.getSSLConfig())
                .maxConnections(STREAM_CONNECTIONS).connectionTimeout(connectTimeout).build();
        this.requests = DockerClientImpl.getInstance(config, requestHttp);
        this.streams = DockerClientImpl.getInstance(config, streamHttp);
    }

    public DockerJavaEngine(DockerProperties properties) {
        this(properties.host(), properties.connectTimeout(), properties.responseTimeout());
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public void ping() {
        call(() -> requests.pingCmd().exec());
    }

    /** Only the status of {@code GET /images/{name}/json}: the image's description is not needed. */
    @Override
    public boolean imageExists(String image) {
        return call(() -> get("/images/" + URLEncoder.encode(image, StandardCharsets.UTF_8) + "/json") != null);
    }

    /**
     * An image named without tag or digest is pulled as {@code :latest}, as {@code docker
     * pull} does; the engine's API would otherwise pull every tag of the repository.
     */
    @Override
    public void pull(String image, Consumer<PullProgress> progress) throws InterruptedException {
        String lastPart = image.substring(image.lastIndexOf('/') + 1);
        boolean tagged = lastPart.contains(":") || image.contains("@");
        AtomicReference<String> error = new AtomicReference<>();
        EngineStream<PullResponseItem> callback = new EngineStream<>() {
            @Override
            public void onNext(PullResponseItem item) {
                if (item.getErrorDetail() != null || item.getError() != null) {
                    error.compareAndSet(null, item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                            ? item.getErrorDetail().getMessage() : item.getError());
                    return;
                }
                var detail = item.getProgressDetail();
                progress.accept(new PullProgress(item.getId(), item.getStatus(),
                        detail == null ? null : detail.getCurrent(), detail == null ? null : detail.getTotal()));
            }
        };
        call(() -> (tagged ? streams.pullImageCmd(image) : streams.pullImageCmd(image).withTag("latest"))
                .exec(callback));
        awaitStream(callback);
        if (error.get() != null) {
            throw new DockerEngineException(DockerEngineException.Reason.REJECTED, error.get());
        }
    }

    @Override
    public String create(ContainerConfig config) {
        return call(() -> config.writeTo(requests.createContainerCmd(config.image())).exec()).getId();
    }

    @Override
    public void start(String container) {
        call(() -> requests.startContainerCmd(container).exec());
    }

    /** Read as a JSON tree ({@link ContainerDetails#of}), not through docker-java's typed response. */
    @Override
    public Optional<ContainerDetails> inspect(String container) {
        byte[] json = call(() -> get("/containers/" + URLEncoder.encode(container, StandardCharsets.UTF_8) + "/json"));
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ContainerDetails.of(DockerClientConfig.getDefaultObjectMapper().readTree(json)));
        } catch (IOException e) {
            throw new DockerEngineException(DockerEngineException.Reason.REJECTED,
                    "Unreadable inspect answer for " + container + ": " + e.getMessage(), e);
        }
    }

    /**
     * A short GET on the engine's API: the body, or null when the engine answers 404. Other
     * answers fail as docker-java's would, so {@link #call} translates them the same way.
     */
    private byte[] get(String path) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path(path).build();
        try (DockerHttpClient.Response response = requestHttp.execute(request);
                InputStream body = response.getBody()) {
            byte[] bytes = body.readAllBytes();
            if (response.getStatusCode() == 404) {
                return null;
            }
            if (response.getStatusCode() != 200) {
                throw new DockerException(new String(bytes, StandardCharsets.UTF_8), response.getStatusCode());
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int await(String container) throws InterruptedException {
        AtomicReference<Integer> status = new AtomicReference<>();
        EngineStream<WaitResponse> callback = new EngineStream<>() {
            @Override
            public void onNext(WaitResponse response) {
                status.set(response.getStatusCode());
            }
        };
        call(() -> streams.waitContainerCmd(container).exec(callback));
        awaitStream(callback);
        if (status.get() == null) {
            throw new DockerEngineException(DockerEngineException.Reason.REJECTED,
                    "The engine ended the wait for " + container + " without an exit status");
        }
        return status.get();
    }

    @Override
    public void stop(String container, Duration timeout) {
        call(() -> {
            try {
                streams.stopContainerCmd(container).withTimeout((int) timeout.toSeconds()).exec();
            } catch (NotModifiedException e) {
                // already stopped
            }
        });
    }

    @Override
    public void kill(String container) {
        try {
            call(() -> requests.killContainerCmd(container).exec());
        } catch (DockerEngineException e) {
            if (e.reason() != DockerEngineException.Reason.CONFLICT) {
                throw e;
            }
            // not running
        }
    }

    @Override
    public boolean remove(String container) {
        try {
            call(() -> requests.removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec());
            return true;
        } catch (DockerEngineException e) {
            if (e.notFound()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<ContainerSummary> list(String labelKey, String labelValue) {
        return call(() -> requests.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(labelKey, labelValue)).exec())
                .stream()
                .map(c -> new ContainerSummary(c.getId(),
                        c.getNames() == null || c.getNames().length == 0 ? c.getId() : ContainerDetails.stripSlash(c.getNames()[0]),
                        c.getLabels(), "running".equals(c.getState())))
                .toList();
    }

    @Override
    public ExecOutput exec(String container, List<String> command, Map<String, String> environment, Duration timeout,
            int outputLimit) throws InterruptedException {
        String execId = call(() -> requests.execCreateCmd(container)
                .withCmd(command.toArray(String[]::new))
                .withEnv(environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withAttachStdout(true)
                .withAttachStderr(true)
                .exec()).getId();
        BoundedOutput stdout = new BoundedOutput(outputLimit);
        BoundedOutput stderr = new BoundedOutput(outputLimit);
        EngineStream.FrameCopier callback = new EngineStream.FrameCopier(stdout, stderr);
        call(() -> streams.execStartCmd(execId).exec(callback));
        boolean finished;
        try {
            finished = callback.awaitCompletion(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            closeQuietly(callback);
        }
        if (!finished) {
            return new ExecOutput(null, true, stdout.text(), stderr.text());
        }
        call(callback::throwFailure);
        return new ExecOutput(exitCodeOf(execId), false, stdout.text(), stderr.text());
    }

    /** The output ends when the process does; the engine may record its exit a moment later. */
    private Integer exitCodeOf(String execId) throws InterruptedException {
        long deadline = System.nanoTime() + EXEC_EXIT_GRACE.toNanos();
        while (true) {
            InspectExecResponse exec = call(() -> requests.inspectExecCmd(execId).exec());
            if (!Boolean.TRUE.equals(exec.isRunning()) || System.nanoTime() > deadline) {
                return exec.getExitCodeLong() == null ? null : exec.getExitCodeLong().intValue();
            }
            Thread.sleep(20);
        }
    }

    /**
     * One sample without the second the engine otherwise spends measuring CPU deltas
     * ({@code one-shot}, API 1.41); docker-java 3.7 has no flag for it, so the request is
     * made on the transport directly and parsed into docker-java's model.
     */
    @Override
    public Optional<ContainerStats> stats(String container) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + URLEncoder.encode(container, StandardCharsets.UTF_8)
                        + "/stats?stream=false&one-shot=true")
                .build();
        Statistics statistics = call(() -> {
            try (DockerHttpClient.Response response = requestHttp.execute(request);
                    InputStream body = response.getBody()) {
                if (response.getStatusCode() == 404) {
                    return null;
                }
                byte[] bytes = body.readAllBytes();
                if (response.getStatusCode() != 200) {
                    throw new DockerException(new String(bytes, StandardCharsets.UTF_8), response.getStatusCode());
                }
                return DockerClientConfig.getDefaultObjectMapper().readValue(bytes, Statistics.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return Optional.ofNullable(statistics).map(ContainerStats::of);
    }

    @Override
    public void followLogs(String container, long sinceEpochSecond, OutputStream stdout, OutputStream stderr)
            throws InterruptedException {
        LogContainerCmd cmd = streams.logContainerCmd(container).withFollowStream(true).withStdOut(true)
                .withStdErr(true);
        if (sinceEpochSecond > 0) {
            cmd.withSince((int) sinceEpochSecond);
        }
        EngineStream.FrameCopier callback = new EngineStream.FrameCopier(stdout, stderr);
        call(() -> cmd.exec(callback));
        awaitStream(callback);
    }

    /** Waits for a stream to end; an interrupted wait closes the stream, so its connection is freed. */
    private <T> void awaitStream(EngineStream<T> callback) throws InterruptedException {
        try {
            call(() -> {
                try {
                    callback.awaitCompletion();
                } catch (InterruptedException e) {
                    throw new InterruptedWait(e);
                }
                callback.throwFailure();
                return null;
            });
        } catch (InterruptedWait e) {
            throw (InterruptedException) e.getCause();
        } finally {
            closeQuietly(callback);
        }
    }

    /** Carries an interrupt through {@link #call}, which only translates engine failures. */
    private static final class InterruptedWait extends RuntimeException {
        InterruptedWait(InterruptedException cause) {
            super(cause);
        }
    }

    private static void closeQuietly(ResultCallback<?> callback) {
        try {
            callback.close();
        } catch (IOException e) {
            // the stream is being abandoned anyway
        }
    }

    /** Translates docker-java's failures into the port's: what happened, in the engine's words. */
    private <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (InterruptedWait e) {
            throw e;
        } catch (NotFoundException e) {
            throw new DockerEngineException(DockerEngineException.Reason.NOT_FOUND, engineMessage(e), e);
        } catch (ConflictException e) {
            throw new DockerEngineException(DockerEngineException.Reason.CONFLICT, engineMessage(e), e);
        } catch (DockerException | DockerClientException e) {
            throw new DockerEngineException(DockerEngineException.Reason.REJECTED, engineMessage(e), e);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof IOException io) {
                    throw DockerEngineException.unreachable(host, String.valueOf(io.getMessage() == null
                            ? io.getClass().getSimpleName() : io.getMessage()), e);
                }
            }
            throw e;
        }
    }

    private void call(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** docker-java's messages read "Status 404: {"message":"No such container: x"}"; keep the engine's sentence. */
    private static String engineMessage(RuntimeException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher m = ENGINE_MESSAGE.matcher(text);
        if (m.find()) {
            return m.group(1).replace("\\\"", "\"").replace("\\n", " ").trim();
        }
        return text.trim();
    }

    @Override
    public void close() throws IOException {
        try {
            requests.close();
        } finally {
            streams.close();
        }
    }


    /** Keeps the first {@code limit} bytes written and drops the rest. */
    private static final class BoundedOutput extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int limit;

        BoundedOutput(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            if (bytes.size() < limit) {
                bytes.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, Math.min(len, Math.max(0, limit - bytes.size())));
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
