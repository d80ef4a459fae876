package io.mpaas.protocol.mesos.files;

import java.util.Objects;

/**
 * The answer of {@code /files/read}: {@code data} read at byte {@code offset}. When the read asked
 * for no data ({@code offset=-1}), {@code offset} is the file's size instead, which is how Mesos's
 * web UI finds the end of a log before it tails it.
 *
 * <p>Components are declared in the order Mesos writes the keys (sorted). A wire type: it belongs
 * in {@code protocol/}, next to Mesos's other shapes.
 *
 * @param data the bytes read, decoded as UTF-8 (see {@link SandboxFiles#read})
 * @param offset the byte offset the data starts at, or the file size
 */
public record FileChunk(String data, long offset) {

    public FileChunk {
        Objects.requireNonNull(data, "data");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
    }
}
