package io.mpaas.agent.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A sandbox file opened for download. Its size is taken when it is opened and is what gets sent:
 * a log that grows meanwhile is sent as it was, so that the length announced up front stays true.
 */
public final class SandboxFile implements Closeable {

    private final String name;
    private final FileChannel channel;
    private final long size;

    SandboxFile(String name, FileChannel channel) throws IOException {
        this.name = name;
        this.channel = channel;
        this.size = channel.size();
    }

    /** The file's own name, without its directory. */
    public String name() {
        return name;
    }

    /** The number of bytes {@link #transferTo} sends, unless the file is truncated meanwhile. */
    public long size() {
        return size;
    }

    /** Copies the file's first {@link #size} bytes to {@code out}, or fewer if it was truncated. */
    public void transferTo(OutputStream out) throws IOException {
        WritableByteChannel target = Channels.newChannel(out);
        long position = 0;
        while (position < size) {
            long sent = channel.transferTo(position, size - position, target);
            if (sent <= 0) {
                break; // truncated under us: nothing more to send
            }
            position += sent;
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
