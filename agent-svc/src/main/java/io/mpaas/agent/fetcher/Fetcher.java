package io.mpaas.agent.fetcher;

import io.mpaas.agent.container.LaunchFailure;
import io.mpaas.agent.task.LaunchPreparation;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.TaskInfo;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mesos's fetcher: before a task's container starts, puts each of its {@code command.uris} into
 * its sandbox, in order, under {@code output_file} or the URI's last path segment; unpacks
 * archives ({@code extract}, on by default), makes {@code executable} files executable (never
 * unpacking them), and takes {@code cache: true} URIs through the agent-wide {@link FetcherCache}.
 *
 * <p>Each task's fetch runs on a virtual thread of its own and is bounded twice: a stall timeout
 * per read and an overall timeout. A KILL cancels it; the launch then ends at once without a
 * container. What the fetch did, or why it failed, is left in the sandbox's {@code stdout} and
 * {@code stderr}.
 */
public class Fetcher implements LaunchPreparation {

    private static final Logger log = LoggerFactory.getLogger(Fetcher.class);

    private final FetcherProperties properties;
    private final FetcherCache cache;
    private final UriDownloader downloader;
    private final ArchiveExtractor extractor = new ArchiveExtractor();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    Fetcher(FetcherProperties properties, Path cacheDirectory) {
        this.properties = properties;
        this.cache = new FetcherCache(cacheDirectory, properties.cacheSize().toBytes());
        this.downloader = new UriDownloader(properties.stallTimeout());
    }

    @Override
    public Preparing prepare(TaskInfo task, String user, Path sandbox) throws LaunchFailure {
        List<CommandInfo.Uri> uris = task.command() == null ? List.of() : task.command().uris();
        if (uris.isEmpty()) {
            return READY;
        }
        FetchLog out = new FetchLog(sandbox);
        FetchPlan plan;
        try {
            plan = FetchPlan.of(uris);
        } catch (FetchFailure f) {
            failed.incrementAndGet();
            out.error(f.getMessage());
            throw LaunchFailure.invalid(f.getMessage());
        }
        FetchJob job = new FetchJob(plan, user, sandbox, out);
        Thread.ofVirtual().name("fetch-" + task.taskId().value()).start(job.work);
        return job;
    }

    public FetchStatistics statistics() {
        return new FetchStatistics(succeeded.get(), failed.get(), cache.capacity(), cache.used());
    }

    /** Fetches one URI into a sandbox on the calling thread. */
    void fetch(FetchedUri uri, String user, Path sandbox, FetchLog out) throws FetchFailure, InterruptedException {
        out.info("Fetching '" + uri.value() + "'" + (uri.cache() ? " through the fetcher cache" : ""));
        try {
            Path target = target(uri, sandbox);
            if (uri.cache()) {
                Optional<FetcherCache.Lease> lease = cache.obtain(new FetcherCache.Key(user, uri.value()),
                        uri.fileName().getFileName().toString(), () -> downloader.open(uri.source()));
                if (lease.isPresent()) {
                    try (FetcherCache.Lease cached = lease.get()) {
                        out.info(deliver(uri, cached.file(), target, sandbox, true));
                    }
                    return;
                }
                out.info("The fetcher cache cannot hold '" + uri.value() + "' (its size is unknown or too large);"
                        + " fetching it directly");
            }
            try (Transfer transfer = downloader.open(uri.source())) {
                transfer.copyTo(target);
            }
            out.info(deliver(uri, target, target, sandbox, false));
        } catch (IOException e) {
            throw FetchFailure.failed(uri.value(), describe(e), e);
        }
    }

    /** The file's place in the sandbox, its directories created; never through a link that leads out. */
    private static Path target(FetchedUri uri, Path sandbox) throws IOException {
        Path target = sandbox.resolve(uri.fileName());
        Files.createDirectories(target.getParent());
        if (!target.getParent().toRealPath().startsWith(sandbox.toRealPath())) {
            throw new IOException("'" + uri.fileName() + "' leads out of the sandbox through a symbolic link");
        }
        if (Files.isSymbolicLink(target)) {
            Files.delete(target);
        }
        return target;
    }

    /** Makes executable, unpacks or copies a fetched file; says what it did. */
    private String deliver(FetchedUri uri, Path file, Path target, Path sandbox, boolean cached)
            throws IOException, InterruptedException {
        String from = cached ? " from the fetcher cache" : "";
        if (uri.executable()) {
            if (cached) {
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            return "Fetched '" + uri.value() + "'" + from + " to " + target + " (executable)";
        }
        Optional<Archive> archive = uri.archive();
        if (archive.isPresent()) {
            String name = uri.fileName().getFileName().toString();
            try {
                extractor.extract(archive.get(), file, name, sandbox);
            } catch (IOException e) {
                throw new IOException("cannot unpack " + name + ": " + e.getMessage(), e);
            }
            return "Fetched '" + uri.value() + "'" + from + " and unpacked it into " + sandbox;
        }
        if (cached) {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return "Fetched '" + uri.value() + "'" + from + " to " + target;
    }

    private static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException n -> "no such file: " + n.getFile();
            case AccessDeniedException a -> "permission denied: " + a.getFile();
            default -> e.getMessage() == null ? e.toString() : e.getMessage();
        };
    }

    /** One task's fetch on its own virtual thread. */
    private final class FetchJob implements Preparing {

        private final FutureTask<Void> work;
        private final FetchLog out;
        private volatile String current;

        FetchJob(FetchPlan plan, String user, Path sandbox, FetchLog out) {
            this.out = out;
            this.current = plan.uris().getFirst().value();
            this.work = new FutureTask<>(() -> {
                try {
                    for (FetchedUri uri : plan.uris()) {
                        current = uri.value();
                        fetch(uri, user, sandbox, out);
                    }
                    succeeded.incrementAndGet();
                    return null;
                } catch (FetchFailure f) {
                    failed.incrementAndGet();
                    out.error(f.getMessage());
                    throw f;
                } catch (InterruptedException | RuntimeException e) {
                    failed.incrementAndGet();
                    throw e;
                }
            });
        }

        @Override
        public void await() throws LaunchFailure, InterruptedException {
            try {
                work.get(properties.timeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                work.cancel(true);
                String message = FetchFailure.failed(current, "not done within " + properties.timeout()
                        + " (mesos.agent.fetcher.timeout)", null).getMessage();
                out.error(message);
                throw LaunchFailure.failed(message, null);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof FetchFailure f) {
                    throw f.taskAtFault() ? LaunchFailure.invalid(f.getMessage())
                            : LaunchFailure.failed(f.getMessage(), f);
                }
                log.error("Fetching '{}' failed unexpectedly", current, e.getCause());
                String message = FetchFailure.failed(current, String.valueOf(e.getCause()), e.getCause()).getMessage();
                out.error(message);
                throw LaunchFailure.failed(message, e.getCause());
            }
        }

        @Override
        public void cancel() {
            if (work.cancel(true)) {
                out.error("Stopped fetching '" + current + "': the task was killed");
            }
        }
    }
}
