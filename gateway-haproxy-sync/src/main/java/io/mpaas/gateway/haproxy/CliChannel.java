package io.mpaas.gateway.haproxy;

import java.io.IOException;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One connection to a HAProxy CLI socket (runtime API or master CLI). Non-blocking with a selector, because
 * a blocking unix-domain {@link SocketChannel} has no read timeout and a stuck HAProxy must not hang the caller.
 * Text is ASCII in practice; UTF-8 is used both ways.
 */
final class CliChannel implements AutoCloseable {

    private final Path socket;
    private final SocketChannel channel;
    private final Selector selector;
    private final long timeoutMillis;
    private final StringBuilder pending = new StringBuilder();
    private boolean eof;

    private CliChannel(Path socket, SocketChannel channel, Selector selector, Duration timeout) {
        this.socket = socket;
        this.channel = channel;
        this.selector = selector;
        this.timeoutMillis = Math.max(1, timeout.toMillis());
    }

    /**
     * Connects. A unix-domain connect either succeeds or fails at once, so no connect timeout is needed.
     *
     * @throws HaproxyUnreachableException if the socket file is missing or nobody accepts on it
     */
    static CliChannel open(Path socket, Duration timeout) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            Selector selector = Selector.open();
            return new CliChannel(socket, channel, selector, timeout);
        } catch (SocketException e) {
            closeQuietly(channel);
            throw new HaproxyUnreachableException(socket, "cannot connect: " + e.getMessage(), e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new HaproxyUnreachableException(socket, "cannot open: " + e.getMessage(), e);
        }
    }

    void send(String text) {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        try {
            SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0 && selector.select(timeoutMillis) == 0) {
                    throw new HaproxyUnreachableException(socket, "write timed out", null);
                }
                selector.selectedKeys().clear();
            }
            key.interestOps(0);
        } catch (IOException e) {
            throw new HaproxyUnreachableException(socket, "write failed: " + e.getMessage(), e);
        }
    }

    /** Tells HAProxy we have nothing more to say; the master CLI only closes its side after this. */
    void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            throw new HaproxyUnreachableException(socket, "shutdown failed: " + e.getMessage(), e);
        }
    }

    /**
     * Everything up to the next {@code terminator}, without it. Used with the runtime API's prompt mode,
     * where every answer ends with a new line and the prompt.
     */
    String readUntil(String terminator) {
        int at;
        while ((at = pending.indexOf(terminator)) < 0) {
            if (eof) {
                throw new HaproxyUnreachableException(socket,
                        "connection closed before the prompt; got: " + abbreviate(pending), null);
            }
            readSome();
        }
        String answer = pending.substring(0, at);
        pending.delete(0, at + terminator.length());
        return answer;
    }

    /** Everything until HAProxy closes the connection. */
    String readToEnd() {
        while (!eof) {
            readSome();
        }
        String answer = pending.toString();
        pending.setLength(0);
        return answer;
    }

    private void readSome() {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try {
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            int n = channel.read(buffer);
            if (n == 0) {
                if (selector.select(timeoutMillis) == 0) {
                    throw new HaproxyUnreachableException(socket,
                            "no answer within " + timeoutMillis + " ms; got so far: " + abbreviate(pending), null);
                }
                selector.selectedKeys().clear();
                n = channel.read(buffer);
            }
            key.interestOps(0);
            if (n < 0) {
                eof = true;
            } else {
                pending.append(new String(buffer.array(), 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // HAProxy resets a CLI connection it closes with unread input; treat it like a close.
            eof = true;
        }
    }

    private static String abbreviate(CharSequence text) {
        return text.length() <= 200 ? text.toString() : text.subSequence(0, 200) + "...";
    }

    @Override
    public void close() {
        closeQuietly(channel);
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing to do: the selector only held our own registration
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a unix socket we are done with; nothing useful to report
            }
        }
    }
}
