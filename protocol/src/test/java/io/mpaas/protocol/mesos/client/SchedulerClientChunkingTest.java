package io.mpaas.protocol.mesos.client;

import static io.mpaas.protocol.mesos.client.ClientFixture.FRAMEWORK;
import static io.mpaas.protocol.mesos.client.ClientFixture.SETTINGS;
import static io.mpaas.protocol.mesos.client.ClientFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.scheduler.Event;
import io.mpaas.protocol.recordio.RecordIo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A master on a raw socket, to control every byte: HTTP chunks that cut records anywhere, several
 * records in one chunk, a lower-case {@code mesos-stream-id}, a connection cut inside a record.
 */
class SchedulerClientChunkingTest {

    private final ClientFixture fixture = new ClientFixture();
    private final BlockingQueue<Socket> connections = new LinkedBlockingQueue<>();
    private ServerSocket server;
    private Thread acceptor;

    @AfterEach
    void close() throws Exception {
        fixture.close();
        server.close();
        acceptor.join();
        for (Socket socket : connections) {
            socket.close();
        }
    }

    @Test
    void findsRecordsAcrossOddChunkBoundariesAndSeveralInOneChunk() throws Exception {
        SchedulerClient client = startClient();
        Accepted subscribe = acceptSubscribe();
        assertThat(subscribe.request()).startsWith("POST /api/v1/scheduler HTTP/1.1\r\n");
        OutputStream out = subscribe.out();
        out.write(head("mesos-stream-id: raw-1"));
        out.flush();

        byte[] split = records(subscribed(), Event.offers(List.of(SchedulerClientTest.offer("o-1"))),
                Event.HEARTBEAT, Event.rescind(OfferId.of("o-1")));
        // Chunks of 1, 2, 3, 5, 8... bytes: prefixes and payloads cut at every kind of place.
        int position = 0;
        for (int a = 1, b = 2; position < split.length; b = a + b, a = b - a) {
            int size = Math.min(a, split.length - position);
            writeChunk(out, split, position, size);
            position += size;
        }
        byte[] together = records(Event.update(SchedulerClientTest.running("t-1")),
                Event.failure(AgentId.of("a-1"), null, null), Event.HEARTBEAT);
        writeChunk(out, together, 0, together.length);

        eventually(() -> assertThat(fixture.listener.log).containsExactly("SUBSCRIBED fw-1 new", "OFFERS o-1",
                "HEARTBEAT", "RESCIND o-1", "UPDATE t-1 TASK_RUNNING", "FAILURE a-1 null", "HEARTBEAT"));
        assertThat(client.subscription().orElseThrow().streamId()).isEqualTo("raw-1");
    }

    @Test
    void aConnectionCutInsideARecordIsABrokenStream() throws Exception {
        startClient();
        Accepted first = acceptSubscribe();
        OutputStream out = first.out();
        out.write(head("Mesos-Stream-Id: raw-1"));
        byte[] subscribed = records(subscribed());
        writeChunk(out, subscribed, 0, subscribed.length);
        byte[] half = "120\n{\"type\":\"OFF".getBytes(StandardCharsets.US_ASCII);
        writeChunk(out, half, 0, half.length);
        eventually(() -> assertThat(fixture.listener.log).containsExactly("SUBSCRIBED fw-1 new"));

        first.socket().close();

        String resubscribe = acceptSubscribe().request();
        assertThat(resubscribe).contains("\"framework_id\":{\"value\":\"fw-1\"}");
        eventually(() -> assertThat(fixture.listener.disconnections).singleElement()
                .extracting(Disconnection::cause).isEqualTo(Disconnection.Cause.STREAM_BROKEN));
    }

    private SchedulerClient startClient() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    connections.add(server.accept());
                } catch (IOException e) {
                    return;
                }
            }
        });
        URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort());
        SchedulerClient client = fixture.client(MasterLocator.of(List.of(uri)), SETTINGS, Clock.systemUTC());
        client.start(FRAMEWORK);
        return client;
    }

    /** A connection from the client and the request read from it. */
    private record Accepted(Socket socket, String request) {
        OutputStream out() throws IOException {
            return socket.getOutputStream();
        }
    }

    /** The next connection, with its request read (so the client is waiting for the answer). */
    private Accepted acceptSubscribe() throws Exception {
        Socket socket = connections.poll(FakeMaster.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(socket).as("a connection from the client").isNotNull();
        return new Accepted(socket, readRequest(socket.getInputStream()));
    }

    /** Reads one request: head up to the blank line, then Content-Length bytes of body. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request ended early");
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length = text.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .mapToInt(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).strip())).findFirst().orElse(0);
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static byte[] head(String streamIdHeader) {
        return ("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n"
                + streamIdHeader + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void writeChunk(OutputStream out, byte[] data, int offset, int length) throws IOException {
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data, offset, length);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static Event subscribed() {
        return Event.subscribed(FrameworkId.of("fw-1"), 15, MasterInfo.of("m", "localhost", "127.0.0.1", 5050));
    }

    private static byte[] records(Event... events) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (Event event : events) {
            wire.writeBytes(RecordIo.frame(MesosJson.write(event)));
        }
        return wire.toByteArray();
    }
}
