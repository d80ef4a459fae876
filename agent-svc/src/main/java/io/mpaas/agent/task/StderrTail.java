package io.mpaas.agent.task;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** The last lines of a task's {@code stderr}, quoted in the message of a failed task. */
final class StderrTail {

    /** Bytes read from the end: enough for a few lines of a stack trace, bounded for huge logs. */
    private static final int MAX_BYTES = 4096;

    private StderrTail() {
    }

    static String of(Path sandbox, int lines) {
        Path file = sandbox.resolve("stderr");
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).strip().split("\n");
            return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length)).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
