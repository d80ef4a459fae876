package io.mpaas.master.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.master.agent.AgentCalls;
import io.mpaas.protocol.agentlink.AgentCall;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.MesosJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The standby's warm-up: it runs the real wire formats, calls itself as agents do, and stops once elected. */
class StandbyWarmUpTest {

    private final StandbyWarmUp warmUp = new StandbyWarmUp();
    private ServerSocket server;

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theSampleCallsAreValidSoTheWarmUpRunsTheWholePath() {
        AgentCall call = AgentCall.subscribe(StandbyWarmUp.sampleReregistration(AgentId.of("a"), FrameworkId.of("f")));
        assertThat(AgentCalls.validate(call)).isEmpty();
        // As the master reads it: a re-registration that reports a task of a framework.
        AgentCall read = MesosJson.read(MesosJson.write(call), AgentCall.class);
        assertThat(read.subscribe().tasks()).hasSize(1);
        assertThat(read.subscribe().frameworks()).hasSize(1);
        assertThat(StandbyWarmUp.exerciseWireFormats(50, () -> true)).isEqualTo(50);
    }

    @Test
    void itStopsAsSoonAsThisMasterIsNoLongerAStandby() {
        AtomicInteger checks = new AtomicInteger();
        assertThat(StandbyWarmUp.exerciseWireFormats(1_000, () -> checks.incrementAndGet() <= 7)).isEqualTo(7);
    }

    @Test
    void itSendsItselfInvalidAgentAndSchedulerCallsOnNewConnections() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        server = new ServerSocket(0);
        Thread.ofVirtual().start(() -> answer307(requests));
        InetSocketAddress self = new InetSocketAddress("127.0.0.1", server.getLocalPort());

        StandbyWarmUp.Result result = warmUp.run(self, 3, 4, () -> true);

        assertThat(result).isEqualTo(new StandbyWarmUp.Result(3, 8, 8));
        assertThat(requests).hasSize(8);
        assertThat(requests).filteredOn(r -> r.startsWith("POST /api/v1/agent ")).hasSize(4)
                .allSatisfy(r -> assertThat(r).contains("Connection: close").contains("\"hostname\":\"\""));
        assertThat(requests).filteredOn(r -> r.startsWith("POST /api/v1/scheduler ")).hasSize(4)
                .allSatisfy(r -> assertThat(r).endsWith("{\"type\":\"SUBSCRIBE\"}"));
    }

    @Test
    void aMasterThatCannotBeReachedEndsTheWarmUp() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        StandbyWarmUp.Result result = warmUp.run(new InetSocketAddress("127.0.0.1", port), 1, 100, () -> true);
        assertThat(result.requests()).isEqualTo(1);
        assertThat(result.redirected()).isZero();
    }

    /** Reads each request whole, answers 307 and closes, as a standby does. */
    private void answer307(List<String> requests) {
        try {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    String head = readHead(in);
                    int length = Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
                    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                    requests.add(head + body);
                    socket.getOutputStream().write(("HTTP/1.1 307 \r\nLocation: //leader:5050/api/v1/agent\r\n"
                            + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
        } catch (IOException e) {
            // closed at the end of the test
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
