package io.mpaas.master.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.protocol.agentlink.AgentEvent;
import io.mpaas.master.web.StreamingHttpProtocol;
import io.mpaas.protocol.mesos.AgentId;
import io.mpaas.protocol.mesos.ExecutorId;
import io.mpaas.protocol.mesos.FrameworkId;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.recordio.RecordIoReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The agent link over real HTTP: authentication, refusals, registration, pings, records and bodies larger than the
 * connector's small per-request buffers, a reader that stops reading.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:agent-link;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    "mesos.master.registry.allow-embedded=true",
    "mesos.master.agents.ping-interval=200ms",
    "mesos.master.agents.max-missed-pings=1000",
    "mesos.master.agents.link-queue-capacity=20",
    "mesos.master.security.credentials[0].principal=agent",
    "mesos.master.security.credentials[0].secret=agent-secret",
})
class AgentLinkHttpTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String AGENT = "Basic " + Base64.getEncoder().encodeToString(
            "agent:agent-secret".getBytes(StandardCharsets.UTF_8));
    private static final String SUBSCRIBE = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"agent_info\":{\"hostname\":"
            + "\"host-1\",\"port\":5051,\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":2}},"
            + "{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1024}}],\"attributes\":[]}}}";

    @LocalServerPort
    int port;

    @Autowired
    Cluster cluster;

    @Autowired
    WebServerApplicationContext web;

    private HttpRequest.Builder post(String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/agent"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusesAgentsWithoutCredentialsOrWithBadCalls() throws Exception {
        HttpResponse<String> anonymous = send(post(SUBSCRIBE).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"mesos\"");
        assertThat(send(post(SUBSCRIBE).header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString("agent:nope".getBytes(StandardCharsets.UTF_8))).build()).statusCode()).isEqualTo(401);

        HttpResponse<String> noHost = send(post("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"agent_info\":{}}}")
                .header("Authorization", AGENT).build());
        assertThat(noHost.statusCode()).isEqualTo(400);
        assertThat(noHost.body()).isEqualTo("Failed to validate agent Call: Expecting 'subscribe.agent_info.hostname'"
                + " to be present");
        HttpResponse<String> badResource = send(post(SUBSCRIBE.replace("\"value\":2", "\"value\":-2"))
                .header("Authorization", AGENT).build());
        assertThat(badResource.statusCode()).isEqualTo(400);
        assertThat(badResource.body()).isEqualTo("Failed to validate agent Call: Agent resource 'cpus' has an invalid"
                + " SCALAR value");
        HttpResponse<String> wrongStream = send(post("{\"type\":\"PONG\",\"agent_id\":{\"value\":\"x\"},\"pong\":{}}")
                .header("Authorization", AGENT).header("Mesos-Stream-Id", "nope").build());
        assertThat(wrongStream.statusCode()).isEqualTo(400);
        assertThat(wrongStream.body()).isEqualTo("Agent x is not linked on stream 'nope'");
        assertThat(send(post("{\"type\":\"PONG\",\"agent_id\":{\"value\":\"x\"}}").header("Authorization", AGENT)
                .build()).body()).isEqualTo("All non-subscribe calls should include the 'Mesos-Stream-Id' header");
        HttpRequest textPlain = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/agent"))
                .header("Content-Type", "text/plain").header("Authorization", AGENT)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThat(send(textPlain).statusCode()).isEqualTo(415);
    }

    @Test
    void registersAnAgentAndPingsIt() throws Exception {
        HttpResponse<InputStream> response = HTTP.send(post(SUBSCRIBE).header("Authorization", AGENT).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        String streamId = response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
        try (RecordIoReader records = new RecordIoReader(response.body())) {
            AgentEvent registered = MesosJson.read(records.next(), AgentEvent.class);
            assertThat(registered.type()).isEqualTo(AgentEvent.Type.REGISTERED);
            assertThat(registered.registered().pingIntervalSeconds()).isEqualTo(0.2);
            assertThat(registered.registered().maxMissedPings()).isEqualTo(1000);
            String agentId = registered.registered().agentId().value();
            assertThat(agentId).contains("-S");
            AgentEvent ping = MesosJson.read(records.next(), AgentEvent.class);
            assertThat(ping.type()).isEqualTo(AgentEvent.Type.PING);
            HttpResponse<String> pong = send(post("{\"type\":\"PONG\",\"agent_id\":{\"value\":\"" + agentId
                    + "\"},\"pong\":{\"sequence\":" + ping.ping().sequence() + "}}").header("Authorization", AGENT)
                    .header("Mesos-Stream-Id", streamId).build());
            assertThat(pong.statusCode()).isEqualTo(202);

            String data = "d".repeat(300 * 1024);
            cluster.locked(() -> cluster.agents().get(AgentId.of(agentId))
                    .send(AgentEvent.message(FrameworkId.of("f"), ExecutorId.of("e"), data)));
            AgentEvent message = nextOtherThanPing(records);
            assertThat(message.type()).isEqualTo(AgentEvent.Type.MESSAGE);
            assertThat(message.message().data()).as("a record 300 times the response buffer, whole").isEqualTo(data);
        }
    }

    /**
     * The link's stream is the body of a 200 delimited by the end of the connection (the connection is
     * taken over from the container, so none of its request state stays with the link), and an agent
     * that closes its side is disconnected.
     */
    @Test
    void servesTheLinkOnAConnectionOfItsOwn() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            byte[] body = SUBSCRIBE.replace("host-1", "raw-host").getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST /api/v1/agent HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + AGENT
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("\r\nConnection: close\r\n")
                    .containsIgnoringCase("\r\nMesos-Stream-Id: ").doesNotContainIgnoringCase("Transfer-Encoding")
                    .doesNotContainIgnoringCase("Content-Length");
            RecordIoReader records = new RecordIoReader(in);
            assertThat(MesosJson.read(records.next(), AgentEvent.class).type()).isEqualTo(AgentEvent.Type.REGISTERED);
            assertThat(MesosJson.read(records.next(), AgentEvent.class).type()).isEqualTo(AgentEvent.Type.PING);
            Agent agent = agentNamed("raw-host");
            assertThat(agent.isConnected()).isTrue();

            socket.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.locked(() -> !agent.isConnected()));
            assertThat(agent.link()).isNull();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the response head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static AgentEvent nextOtherThanPing(RecordIoReader records) throws IOException {
        while (true) {
            AgentEvent event = MesosJson.read(records.next(), AgentEvent.class);
            if (event.type() != AgentEvent.Type.PING) {
                return event;
            }
        }
    }

    /** The master's connector: Tomcat's per-request buffers sized for one open request per agent. */
    @Test
    void theConnectorKeepsPerRequestBuffersSmall() {
        Connector connector = ((TomcatWebServer) web.getWebServer()).getTomcat().getConnector();
        assertThat(connector.getProtocolHandler()).isInstanceOf(StreamingHttpProtocol.class);
        var protocol = (StreamingHttpProtocol) connector.getProtocolHandler();
        assertThat(protocol.getDesiredBufferSize()).isEqualTo(1024);
        assertThat(protocol.getMaxTrailerSize()).isEqualTo(1024);
        assertThat(protocol.getMaxHttpResponseHeaderSize()).isEqualTo(4096);
        assertThat(protocol.getMaxHttpRequestHeaderSize()).isEqualTo(8192);
        assertThat(connector.getProperty("socket.appReadBufSize")).hasToString("2048");
        assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("4096");
    }

    /** Bodies far larger than the socket's read buffer arrive whole, with a length and chunked. */
    @Test
    void readsLargeBodiesWhole() throws Exception {
        String padded = "{\"type\":\"PONG\",\"agent_id\":{\"value\":\"x\"},\"pong\":{}" + " ".repeat(2 << 20) + "}";
        HttpResponse<String> withLength = send(post(padded).header("Authorization", AGENT)
                .header("Mesos-Stream-Id", "nope").build());
        assertThat(withLength.statusCode()).isEqualTo(400);
        assertThat(withLength.body()).isEqualTo("Agent x is not linked on stream 'nope'");

        byte[] bytes = padded.getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/agent"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Authorization", AGENT).header("Mesos-Stream-Id", "nope")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();
        HttpResponse<String> withChunks = send(chunked);
        assertThat(withChunks.statusCode()).isEqualTo(400);
        assertThat(withChunks.body()).isEqualTo("Agent x is not linked on stream 'nope'");
    }

    /**
     * An agent that stops reading its link fills the socket; the master queues its events up to the
     * link's capacity and then drops the link (the agent counts as disconnected) instead of holding
     * them or a thread for it, while another agent's link keeps flowing.
     */
    @Test
    void dropsTheLinkOfAnAgentThatStopsReadingAndKeepsServingOthers() throws Exception {
        HttpResponse<InputStream> healthy = HTTP.send(post(SUBSCRIBE.replace("host-1", "healthy-host"))
                .header("Authorization", AGENT).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(healthy.statusCode()).isEqualTo(200);
        AtomicInteger healthyPings = new AtomicInteger();
        Thread healthyReader = Thread.ofVirtual().start(() -> {
            try (RecordIoReader records = new RecordIoReader(healthy.body())) {
                for (byte[] r = records.next(); r != null; r = records.next()) {
                    if (MesosJson.read(r, AgentEvent.class).type() == AgentEvent.Type.PING) {
                        healthyPings.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // the test is over
            }
        });
        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new InetSocketAddress("localhost", port));
            byte[] body = SUBSCRIBE.replace("host-1", "stuck-host").getBytes(StandardCharsets.UTF_8);
            stuck.getOutputStream().write(("POST /api/v1/agent HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + AGENT
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            stuck.getOutputStream().write(body);
            stuck.getOutputStream().flush();
            String statusLine = new String(stuck.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(statusLine).isEqualTo("HTTP/1.1 200");
            Agent agent = await().atMost(Duration.ofSeconds(10)).until(() -> agentNamed("stuck-host"), a -> a != null);
            Agent other = agentNamed("healthy-host");
            assertThat(agent.isConnected()).isTrue();

            // From here on nothing reads the stuck agent's socket.
            AgentEvent large = AgentEvent.message(FrameworkId.of("f"), ExecutorId.of("e"), "x".repeat(64 * 1024));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
                cluster.locked(() -> {
                    for (int i = 0; i < 10; i++) {
                        agent.send(large);
                    }
                });
                return agent.status() == Agent.Status.DISCONNECTED;
            });
            assertThat(agent.link()).isNull();

            int pingsSoFar = healthyPings.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> healthyPings.get() > pingsSoFar);
            assertThat(other.isConnected()).isTrue();
        } finally {
            healthyReader.interrupt();
            healthy.body().close();
        }
    }

    private Agent agentNamed(String hostname) {
        return cluster.locked(() -> cluster.agents().values().stream().filter(a -> a.hostname().equals(hostname))
                .findFirst().orElse(null));
    }

    @AfterAll
    static void closeClient() {
        HTTP.close();
    }
}
