package io.mpaas.marathon.event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@code /v2/events} client on a bare socket, so that tests see the exact bytes (after HTTP chunking) and decide
 * when, or whether, to read. Each SSE block (text up to a blank line) is queued as it completes.
 */
final class RawSseClient implements AutoCloseable {

    /** Queued when the response ended (last chunk or end of stream). */
    static final String END = "<end>";

    private final Socket socket;
    private final InputStream in;
    private final BlockingQueue<String> blocks = new LinkedBlockingQueue<>();
    private int status;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private RawSseClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /**
     * Sends the request and reads the response head.
     *
     * @param receiveBuffer the socket's receive buffer, small for a client meant to fall behind; 0 for the default
     */
    static RawSseClient open(int port, String pathAndQuery, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.setSoTimeout(20_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        RawSseClient client = new RawSseClient(socket);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        client.readHead();
        return client;
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    private void readHead() throws IOException {
        String statusLine = line();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
    }

    /** Starts reading the body on a virtual thread, queueing each complete block. */
    RawSseClient startReading() {
        Thread.ofVirtual().name("raw-sse-client").start(this::readBody);
        return this;
    }

    /** The next block (heartbeats included), or {@link #END}. */
    String nextBlock(Duration timeout) throws InterruptedException {
        String block = blocks.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (block == null) {
            throw new AssertionError("no SSE block within " + timeout);
        }
        return block;
    }

    /** The next block that is not a heartbeat comment (which must be exactly {@code :}), or {@link #END}. */
    String nextEvent(Duration timeout) throws InterruptedException {
        while (true) {
            String block = nextBlock(timeout);
            if (!block.startsWith(":")) {
                return block;
            }
            if (!block.equals(":")) {
                throw new AssertionError("unexpected comment block: " + block);
            }
        }
    }

    /** Every event block until the response ends. */
    List<String> eventsUntilEnd(Duration timeout) throws InterruptedException {
        List<String> events = new ArrayList<>();
        for (String block = nextEvent(timeout); !block.equals(END); block = nextEvent(timeout)) {
            events.add(block);
        }
        return events;
    }

    private void readBody() {
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        try {
            boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
            while (true) {
                byte[] data;
                if (chunked) {
                    int size = Integer.parseInt(line().split(";")[0].trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    data = in.readNBytes(size);
                    line();
                } else {
                    data = new byte[8192];
                    int n = in.read(data);
                    if (n < 0) {
                        break;
                    }
                    data = java.util.Arrays.copyOf(data, n);
                }
                pending.write(data);
                String text = pending.toString(StandardCharsets.UTF_8);
                int end;
                while ((end = text.indexOf("\n\n")) >= 0) {
                    blocks.add(text.substring(0, end));
                    text = text.substring(end + 2);
                }
                pending.reset();
                pending.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            blocks.add("<failed: " + e + ">");
        }
        if (pending.size() > 0) {
            blocks.add("<unterminated: " + pending.toString(StandardCharsets.UTF_8) + ">");
        }
        blocks.add(END);
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("end of stream in a line");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.US_ASCII);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
