package io.mpaas.agent.checkpoint;

import io.mpaas.protocol.mesos.AgentInfo;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.TaskId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's checkpoints under {@code <work-dir>/meta}: the agent's registration
 * ({@code agent.json}), the frameworks it ran tasks for ({@code frameworks/<id>.json}) and per
 * task its launch ({@code tasks/<framework>/<task>/task.json}) and its update log
 * ({@code updates.jsonl}). Whole files are written to a temporary name and moved into place, so
 * a crash leaves the old or the new version, never half of one. Ids become file names
 * URL-encoded (a task id may contain characters a file name cannot).
 *
 * <p>What a launch writes (framework, task, updates) goes through the {@link CheckpointWriter},
 * in order and off the caller's thread; the rest is written at once.
 */
public final class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

    private final Path meta;
    private final Path sandboxes;
    private final CheckpointWriter writer;
    /** The framework checkpoints as last written, so that a launch rewrites one only when it changed. */
    private final Map<FrameworkId, FrameworkInfo> savedFrameworks = new ConcurrentHashMap<>();

    public Checkpoints(Path workDir, CheckpointWriter writer) {
        this.meta = workDir.resolve("meta");
        this.sandboxes = workDir.resolve("slaves");
        this.writer = writer;
    }

    /** Checkpoints written on the caller's thread, one write at a time (tools and tests). */
    public Checkpoints(Path workDir) {
        this(workDir, CheckpointWriter.inline());
    }

    /** Where task sandboxes live: {@code <work-dir>/slaves}, as in Mesos. */
    public Path sandboxRoot() {
        return sandboxes;
    }

    public Optional<AgentInfo> agent() {
        return read(meta.resolve("agent.json"), AgentInfo.class);
    }

    public void saveAgent(AgentInfo agent) {
        write(meta.resolve("agent.json"), MesosJson.write(agent));
    }

    /**
     * Queues the framework's checkpoint, unless the same one was written before: every launch
     * carries its framework, and rewriting an unchanged file fifty times per burst only costs.
     */
    public void saveFramework(FrameworkInfo framework) {
        if (framework.equals(savedFrameworks.put(framework.id(), framework))) {
            return;
        }
        writer.replace(meta.resolve("frameworks").resolve(fileName(framework.id().value()) + ".json"),
                MesosJson.write(framework));
    }

    public Map<FrameworkId, FrameworkInfo> frameworks() {
        Map<FrameworkId, FrameworkInfo> frameworks = new HashMap<>();
        for (Path file : list(meta.resolve("frameworks"))) {
            read(file, FrameworkInfo.class).ifPresent(f -> frameworks.put(f.id(), f));
        }
        return frameworks;
    }

    public void removeFramework(FrameworkId framework) {
        savedFrameworks.remove(framework);
        delete(meta.resolve("frameworks").resolve(fileName(framework.value()) + ".json"));
        delete(meta.resolve("tasks").resolve(fileName(framework.value())));
    }

    /**
     * Queues a task's launch checkpoint; returns its (empty) update log, whose lines are written
     * after the checkpoint, and when the checkpoint is in place.
     */
    public SavedTask saveTask(TaskCheckpoint task) {
        Path dir = taskDir(task.frameworkId(), task.task().taskId());
        CompletableFuture<Void> written = writer.replace(dir.resolve("task.json"), MesosJson.write(task));
        return new SavedTask(new UpdateLog(dir.resolve("updates.jsonl"), writer), written);
    }

    /**
     * A task's launch checkpoint, queued.
     *
     * @param written completes when {@code task.json} is in place (a launch waits for it before it creates
     *     anything, as Mesos checkpoints a task before it launches it)
     */
    public record SavedTask(UpdateLog log, CompletableFuture<Void> written) {
    }

    /** Every checkpointed task with its updates; unreadable ones are logged and skipped. */
    public List<Recovered> tasks() {
        List<Recovered> tasks = new ArrayList<>();
        for (Path frameworkDir : list(meta.resolve("tasks"))) {
            for (Path dir : list(frameworkDir)) {
                Optional<TaskCheckpoint> task = read(dir.resolve("task.json"), TaskCheckpoint.class);
                if (task.isEmpty()) {
                    continue;
                }
                UpdateLog updates = new UpdateLog(dir.resolve("updates.jsonl"), writer);
                try {
                    UpdateLog.RecoveredUpdates replayed = updates.replay();
                    tasks.add(new Recovered(new RecoveredTask(task.get(), replayed.all(), replayed.unacknowledged()),
                            updates));
                } catch (IOException e) {
                    log.error("Cannot read the update log of {}: {}", dir, e.toString());
                }
            }
        }
        return tasks;
    }

    /** A recovered task and the log it keeps appending to. */
    public record Recovered(RecoveredTask task, UpdateLog log) {
    }

    /** Forgets a task (its sandbox is removed separately). */
    public void removeTask(FrameworkId framework, TaskId task) {
        delete(taskDir(framework, task));
    }

    private Path taskDir(FrameworkId framework, TaskId task) {
        return meta.resolve("tasks").resolve(fileName(framework.value())).resolve(fileName(task.value()));
    }

    /** An id as one safe path segment: URL-encoded, and never {@code .} or {@code ..}. */
    public static String fileName(String id) {
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8);
        return encoded.equals(".") ? "%2E" : encoded.equals("..") ? "%2E%2E" : encoded;
    }


    private static <T> Optional<T> read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MesosJson.read(Files.readAllBytes(file), type));
        } catch (IOException | RuntimeException e) {
            log.error("Ignoring the unreadable checkpoint {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    private static void write(Path file, byte[] content) {
        try {
            CheckpointWriter.replaceNow(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + file, e);
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().endsWith(".tmp")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Deletes a file or a directory tree; what is already gone is fine. */
    public static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", path, e.toString());
        }
    }
}
