package io.mpaas.master.framework;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.scheduler.Event;
import io.mpaas.protocol.recordio.RecordIoReader;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The scheduler API over real HTTP (Tomcat): every refusal with Mesos's status and message, and
 * the wire rules real clients depend on (wire-compat.md).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:scheduler-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    "mesos.master.registry.allow-embedded=true",
    "mesos.master.frameworks.heartbeat-interval=300ms",
    "mesos.master.security.credentials[0].principal=fw",
    "mesos.master.security.credentials[0].secret=fw-secret",
    "mesos.master.security.credentials[1].principal=other",
    "mesos.master.security.credentials[1].secret=other-secret",
    "mesos.master.security.acls={\"permissive\": false, \"register_frameworks\": [{\"principals\": {\"values\": "
            + "[\"fw\", \"other\"]}, \"roles\": {\"values\": [\"web\"]}}]}",
})
class SchedulerApiHttpTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String FW = basic("fw", "fw-secret");

    @LocalServerPort
    int port;

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String subscribeBody(String principal, String role) {
        return "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"root\",\"name\":\"t\","
                + "\"principal\":\"" + principal + "\",\"roles\":[\"" + role + "\"],\"capabilities\":"
                + "[{\"type\":\"MULTI_ROLE\"}],\"failover_timeout\":60}}}";
    }

    private HttpRequest.Builder post(String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/scheduler"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void assertRefused(HttpRequest request, int status, String body) throws Exception {
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void refusesBadRequestsTheWayMesosDoes() throws Exception {
        assertRefused(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/scheduler")).GET()
                .build(), 405, "405 Method Not Allowed. Expecting one of { 'POST' }, but received 'GET'.");
        assertRefused(post("{}").build(), 400, "Expecting 'Content-Type' to be present");
        assertRefused(post("{}").header("Content-Type", "text/plain").build(), 415,
                "Expecting 'Content-Type' of application/json; 'text/plain' is not supported by this master");
        assertRefused(post("{").header("Content-Type", "application/json").build(), 400,
                "Failed to parse body into Call: Unexpected end-of-input: expected close marker for Object");
        assertRefused(post("{\"type\":\"BOGUS\"}").header("Content-Type", "application/json").build(), 400,
                "Failed to validate scheduler::Call: Unknown call type 'BOGUS'");
        assertRefused(post("{\"type\":\"SUBSCRIBE\"}").header("Content-Type", "application/json").build(), 400,
                "Failed to validate scheduler::Call: Expecting 'subscribe' to be present");
        assertRefused(post("[1]").header("Content-Type", "application/json").build(), 400,
                "Failed to parse body into Call: expected a JSON object");
    }

    @Test
    void authenticatesAndAuthorizesFrameworks() throws Exception {
        HttpResponse<String> anonymous = send(post(subscribeBody("fw", "web"))
                .header("Content-Type", "application/json").build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"mesos\"");
        assertRefused(post(subscribeBody("fw", "web")).header("Content-Type", "application/json")
                .header("Authorization", basic("fw", "wrong")).build(), 401, "Unauthorized");
        assertRefused(post(subscribeBody("other", "web")).header("Content-Type", "application/json")
                .header("Authorization", FW).build(), 400,
                "Authenticated principal 'fw' does not match principal 'other' set in `FrameworkInfo`");
        assertRefused(post(subscribeBody("fw", "db")).header("Content-Type", "application/json")
                .header("Authorization", FW).build(), 403, "Not authorized to use role 'db' as principal 'fw'");
        assertRefused(post(subscribeBody("fw", "web")).header("Content-Type", "application/json")
                .header("Accept", "text/html").header("Authorization", FW).build(), 406,
                "Expecting 'Accept' to allow application/json");
        assertRefused(post(subscribeBody("fw", "web")).header("Content-Type", "application/json")
                .header("Mesos-Stream-Id", "x").header("Authorization", FW).build(), 400,
                "Expecting 'Mesos-Stream-Id' to be absent on SUBSCRIBE");
    }

    @Test
    void subscribesStreamsAndAcceptsCallsOnTheStream() throws Exception {
        // A chunked request body (no Content-Length) and no Accept header: JSON.
        HttpRequest subscribe = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/scheduler"))
                .header("Content-Type", "application/json").header("Authorization", FW)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        subscribeBody("fw", "web").getBytes(StandardCharsets.UTF_8)))).build();
        HttpResponse<InputStream> response = HTTP.send(subscribe, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        String streamId = response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
        try (RecordIoReader records = new RecordIoReader(response.body())) {
            Event subscribed = MesosJson.read(records.next(), Event.class);
            assertThat(subscribed.type()).isEqualTo(Event.Type.SUBSCRIBED);
            assertThat(subscribed.subscribed().heartbeatIntervalSeconds()).isEqualTo(0.3);
            String frameworkId = subscribed.subscribed().frameworkId().value();
            assertThat(MesosJson.read(records.next(), Event.class).type()).isEqualTo(Event.Type.HEARTBEAT);

            String revive = "{\"framework_id\":{\"value\":\"" + frameworkId + "\"},\"type\":\"REVIVE\","
                    + "\"revive\":null,\"suppress\":null}";
            HttpResponse<String> accepted = send(post(revive).header("Content-Type", "application/json")
                    .header("Authorization", FW).header("mesos-stream-id", streamId).build());
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(accepted.body()).isEmpty();
            assertRefused(post(revive).header("Content-Type", "application/json").header("Authorization", FW)
                    .build(), 400, "All non-subscribe calls should include the 'Mesos-Stream-Id' header");
            assertRefused(post(revive).header("Content-Type", "application/json").header("Authorization", FW)
                    .header("Mesos-Stream-Id", "nope").build(), 400, "The stream ID 'nope' included in this request"
                    + " didn't match the stream ID currently associated with framework ID " + frameworkId);
            assertRefused(post(revive).header("Content-Type", "application/json")
                    .header("Authorization", basic("other", "other-secret")).header("Mesos-Stream-Id", streamId)
                    .build(), 400, "Authenticated principal 'other' does not match principal 'fw' used to subscribe");
            assertRefused(post(revive.replace(frameworkId, "unknown")).header("Content-Type", "application/json")
                    .header("Authorization", FW).header("Mesos-Stream-Id", streamId).build(), 400,
                    "Framework cannot be found");
            send(post("{\"framework_id\":{\"value\":\"" + frameworkId + "\"},\"type\":\"TEARDOWN\"}")
                    .header("Content-Type", "application/json").header("Authorization", FW)
                    .header("Mesos-Stream-Id", streamId).build());
            // TEARDOWN ends the stream.
            while (records.next() != null) {
                // heartbeats queued before the teardown
            }
        }
    }

    /** Each RecordIO record travels as exactly one HTTP chunk: some clients parse chunks, not records. */
    @Test
    void eachRecordIsOneChunk() throws Exception {
        byte[] body = subscribeBody("fw", "web").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/scheduler HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json\r\nAuthorization: " + FW + "\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String headers = readHeaders(in);
            assertThat(headers).startsWith("HTTP/1.1 200").contains("Transfer-Encoding: chunked")
                    .containsPattern("(?m)^Content-Type: application/json\r?$");
            for (int i = 0; i < 3; i++) {
                String chunk = readChunk(in);
                Matcher m = Pattern.compile("^(\\d+)\n(\\{.*\\})$", Pattern.DOTALL).matcher(chunk);
                assertThat(m.matches()).as("chunk %s is one whole record: %s", i, chunk).isTrue();
                assertThat(Integer.parseInt(m.group(1))).isEqualTo(m.group(2).getBytes(StandardCharsets.UTF_8).length);
                assertThat(m.group(2)).doesNotContain("\n");
            }
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (!buf.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in headers");
            }
            buf.write(b);
        }
        return buf.toString(StandardCharsets.US_ASCII);
    }

    private static String readChunk(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed in a chunk header");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        int size = Integer.parseInt(line.toString(StandardCharsets.US_ASCII).trim(), 16);
        byte[] data = in.readNBytes(size);
        in.readNBytes(2);
        return new String(data, StandardCharsets.UTF_8);
    }

    @AfterAll
    static void closeClient() {
        HTTP.close();
    }
}
