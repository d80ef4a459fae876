package io.mpaas.agent.checkpoint;

import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.TaskStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's status updates and their acknowledgements, one JSON line each, appended and forced to
 * disk before the update is sent (or the acknowledgement acted on): after a crash the agent
 * resends exactly the updates that were not acknowledged, in order. The lines go through the
 * agent's {@link CheckpointWriter}, which forces many tasks' lines in one batch; what depends on a
 * line being on disk is the {@code onDurable} action. A torn last line (a crash in the middle of
 * a write) is ignored on replay.
 */
public final class UpdateLog {

    private static final Logger log = LoggerFactory.getLogger(UpdateLog.class);

    private final Path file;
    private final CheckpointWriter writer;

    UpdateLog(Path file, CheckpointWriter writer) {
        this.file = file;
        this.writer = writer;
    }

    /** Appends {@code update}; {@code onDurable} runs (on the writer's thread) once it is on disk. */
    public CompletableFuture<Void> appendUpdate(TaskStatus update, Runnable onDurable) {
        return writer.append(file, MesosJson.write(new UpdateRecord(update, null)), onDurable);
    }

    /** Appends the acknowledgement of {@code uuid}; {@code onDurable} runs once it is on disk. */
    public CompletableFuture<Void> appendAck(String uuid, Runnable onDurable) {
        return writer.append(file, MesosJson.write(new UpdateRecord(null, uuid)), onDurable);
    }

    /** Replays the log: every update, and those not acknowledged (in order). */
    RecoveredUpdates replay() throws IOException {
        List<TaskStatus> all = new ArrayList<>();
        Deque<TaskStatus> pending = new ArrayDeque<>();
        if (!Files.exists(file)) {
            return new RecoveredUpdates(all, List.of());
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            UpdateRecord record;
            try {
                record = MesosJson.read(line.getBytes(StandardCharsets.UTF_8), UpdateRecord.class);
            } catch (RuntimeException e) {
                log.warn("Ignoring a torn line at the end of {}: {}", file, e.toString());
                continue;
            }
            if (record.update() != null) {
                all.add(record.update());
                pending.addLast(record.update());
            } else if (record.ack() != null && !pending.isEmpty() && record.ack().equals(pending.peekFirst().uuid())) {
                pending.removeFirst();
            }
        }
        return new RecoveredUpdates(all, List.copyOf(pending));
    }

    record RecoveredUpdates(List<TaskStatus> all, List<TaskStatus> unacknowledged) {
    }
}
