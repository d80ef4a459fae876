package io.mpaas.agent.checkpoint;

import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's status updates and their acknowledgements, one JSON line each, appended and forced to
 * disk before the update is sent (or the acknowledgement acted on): after a crash the agent
 * resends exactly the updates that were not acknowledged, in order. A torn last line (a crash in
 * the middle of a write) is ignored on replay.
 */
public final class UpdateLog {

    private static final Logger log = LoggerFactory.getLogger(UpdateLog.class);

    private final Path file;

    UpdateLog(Path file) {
        this.file = file;
    }

    public synchronized void appendUpdate(TaskStatus update) {
        append(new UpdateRecord(update, null));
    }

    public synchronized void appendAck(String uuid) {
        append(new UpdateRecord(null, uuid));
    }

    private void append(UpdateRecord record) {
        byte[] json = MesosJson.write(record);
        ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint a status update to " + file, e);
        }
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
