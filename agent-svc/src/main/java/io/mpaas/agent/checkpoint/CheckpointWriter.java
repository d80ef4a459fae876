package io.mpaas.agent.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the agent's checkpoints in the order they are asked for, on a thread of its own, with
 * group commit: everything queued while the previous batch was being forced to disk goes out as
 * the next batch, with one {@code fdatasync} per file in it rather than one per line. A burst of
 * fifty launches therefore costs a handful of disk round trips instead of a hundred and fifty,
 * and the thread that reads the master's events never waits for the disk.
 *
 * <p>Guarantees: writes are carried out in submission order (a task's launch checkpoint is in
 * place before its first update is forced); an appended line is on disk before its
 * {@code onDurable} action runs; the actions run on the writer's thread, those of one file in
 * submission order, so what they publish keeps the order of the task's log. A line that could
 * not be written fails its future, and every later line of that file in the batch fails with it
 * (the log must never hold a later update without an earlier one); its action does not run.
 *
 * <p>Whole-file replacements (launch and framework checkpoints) are written to a temporary
 * name and moved into place, and are not forced, as before.
 */
public final class CheckpointWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CheckpointWriter.class);

    /** How long {@link #close} waits for the queued writes: longer than any sane disk takes for a few hundred lines. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    /** How appended lines reach the disk; a seam so that tests can count or hold the forces. */
    @FunctionalInterface
    interface Sync {
        void force(Path file, FileChannel channel) throws IOException;
    }

    private sealed interface Write permits Append, Replace {
        CompletableFuture<Void> done();
    }

    private record Append(Path file, byte[] line, Runnable onDurable, CompletableFuture<Void> done) implements Write {
    }

    private record Replace(Path file, byte[] content, CompletableFuture<Void> done) implements Write {
    }

    private final Sync sync;
    private final ArrayDeque<Write> queue = new ArrayDeque<>();
    /** Held while a batch is written: the writer's thread and inline writes never interleave. */
    private final Object writing = new Object();
    private Thread thread;
    private boolean closed;

    CheckpointWriter(Sync sync) {
        this.sync = sync;
    }

    /** A writer whose batches run on its own thread ({@link #close} ends it after the queued writes). */
    public static CheckpointWriter started() {
        return new CheckpointWriter((file, channel) -> channel.force(false)).start();
    }

    /** A writer that writes on the caller's thread, one write at a time (tools and tests that want no thread). */
    public static CheckpointWriter inline() {
        return new CheckpointWriter((file, channel) -> channel.force(false));
    }

    synchronized CheckpointWriter start() {
        thread = Thread.ofPlatform().daemon().name("checkpoint-writer").start(this::run);
        return this;
    }

    /**
     * Appends {@code line} (a newline is added) to {@code file}, creating it, and forces it to
     * disk; then runs {@code onDurable} on the writer's thread. The future completes after that.
     */
    public CompletableFuture<Void> append(Path file, byte[] line, Runnable onDurable) {
        return submit(new Append(file, line, onDurable, new CompletableFuture<>()));
    }

    /** Replaces {@code file} by {@code content} (temporary file and rename), after every write submitted before. */
    public CompletableFuture<Void> replace(Path file, byte[] content) {
        return submit(new Replace(file, content, new CompletableFuture<>()));
    }

    private CompletableFuture<Void> submit(Write write) {
        Thread draining;
        synchronized (this) {
            if (thread != null && !closed) {
                queue.addLast(write);
                notifyAll();
                return write.done();
            }
            draining = thread;
        }
        // No thread (inline, or closed while the agent stops): write now, after what was queued, one at a time.
        if (draining != null && draining != Thread.currentThread()) {
            try {
                draining.join(CLOSE_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (writing) {
            writeBatch(List.of(write));
        }
        return write.done();
    }

    private void run() {
        while (true) {
            List<Write> batch;
            synchronized (this) {
                while (queue.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        closed = true;
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(queue);
                queue.clear();
            }
            synchronized (writing) {
                try {
                    writeBatch(batch);
                } catch (RuntimeException e) {
                    // Not expected (each write catches its own failures); the thread must live on regardless.
                    log.error("A batch of checkpoints failed", e);
                }
            }
        }
    }

    /**
     * One batch: every write in order (lines go to their files' open channels), then one force
     * per file, in the order the files first appear, each followed by its lines' actions.
     */
    void writeBatch(List<Write> batch) {
        Map<Path, OpenLog> appended = new LinkedHashMap<>();
        for (Write write : batch) {
            switch (write) {
                case Replace r -> {
                    try {
                        replaceNow(r.file(), r.content());
                        r.done().complete(null);
                    } catch (IOException | RuntimeException e) {
                        log.error("Cannot write the checkpoint {}: {}", r.file(), e.toString());
                        r.done().completeExceptionally(e);
                    }
                }
                case Append a -> appended.computeIfAbsent(a.file(), OpenLog::new).write(a);
            }
        }
        for (OpenLog file : appended.values()) {
            file.forceAndComplete();
        }
    }

    /** The lines of one file in a batch, written to one channel and forced once. */
    private final class OpenLog {
        private final Path file;
        private final List<Append> written = new ArrayList<>();
        private FileChannel channel;
        private Exception failure;

        OpenLog(Path file) {
            this.file = file;
        }

        void write(Append append) {
            if (failure == null) {
                try {
                    if (channel == null) {
                        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                                StandardOpenOption.APPEND);
                    }
                    ByteBuffer line = ByteBuffer.allocate(append.line().length + 1).put(append.line())
                            .put((byte) '\n').flip();
                    while (line.hasRemaining()) {
                        channel.write(line);
                    }
                } catch (IOException e) {
                    failure = e;
                }
            }
            written.add(append);
        }

        void forceAndComplete() {
            try (FileChannel open = channel) {
                if (failure == null && open != null) {
                    sync.force(file, open);
                }
            } catch (IOException | RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
            if (failure != null) {
                log.error("Cannot checkpoint {} line(s) to {}: {}", written.size(), file, failure.toString());
            }
            for (Append append : written) {
                if (failure != null) {
                    append.done().completeExceptionally(failure);
                    continue;
                }
                try {
                    append.onDurable().run();
                    append.done().complete(null);
                } catch (RuntimeException e) {
                    log.error("Acting on the checkpointed line of {} failed", file, e);
                    append.done().completeExceptionally(e);
                }
            }
        }
    }

    /** Writes a whole file to a temporary name and moves it into place: a crash leaves the old or the new file. */
    static void replaceNow(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, content);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Carries out what is queued, then ends the thread; later writes happen on their callers' threads. */
    @Override
    public void close() throws InterruptedException {
        Thread running;
        synchronized (this) {
            closed = true;
            notifyAll();
            running = thread;
        }
        if (running != null && !running.join(CLOSE_TIMEOUT)) {
            log.warn("The checkpoint writer did not finish its queued writes within {}", CLOSE_TIMEOUT);
        }
    }
}
