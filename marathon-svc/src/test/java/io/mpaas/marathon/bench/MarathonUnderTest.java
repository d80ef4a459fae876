package io.mpaas.marathon.bench;

import io.mpaas.marathon.MarathonApplication;
import io.mpaas.testkit.postgres.PostgresDatabase;
import io.mpaas.testkit.process.ServiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Marathon as the benchmark runs it: the real Spring Boot application, started in this JVM on its
 * own fresh PostgreSQL database and subscribed to the benchmark's master, reached only through its
 * HTTP API. In-process rather than its jar so that one JFR recording (or jcmd) of this JVM covers
 * the scheduler, and so that a new marathon with other settings can be started against the same
 * master and agents; the API is still used over real HTTP.
 */
final class MarathonUnderTest implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final PostgresDatabase db;
    private final ConfigurableApplicationContext context;
    private final URI uri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Drops the database also when the benchmark is interrupted. */
    private final Thread cleanup;

    private MarathonUnderTest(PostgresDatabase db, ConfigurableApplicationContext context, URI uri) {
        this.db = db;
        this.context = context;
        this.uri = uri;
        this.cleanup = new Thread(db::close);
    }

    /**
     * Starts marathon against {@code master} with extra {@code --name=value} properties, and returns once
     * it leads and is subscribed (its framework id shows in {@code /v2/info}).
     */
    static MarathonUnderTest start(URI master, List<String> properties) throws Exception {
        PostgresDatabase db = PostgresDatabase.create("marathon_bench");
        int port = ServiceProcess.freePort();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--spring.main.banner-mode=off",
                "--marathon.hostname=localhost",
                "--marathon.mesos.master=" + master,
                "--logging.level.root=WARN", "--logging.level.io.mpaas=WARN"));
        args.addAll(properties);
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(MarathonApplication.class)
                    .initializers(c -> c.getBeanFactory().registerSingleton("benchMainClassesOnly", new MainClassesOnly()))
                    .run(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        MarathonUnderTest marathon = new MarathonUnderTest(db, context, URI.create("http://localhost:" + port));
        Runtime.getRuntime().addShutdownHook(marathon.cleanup);
        try {
            SimulatedCluster.await("marathon subscribed", Duration.ofMinutes(1), () -> {
                JsonNode info = marathon.getJson("/v2/info");
                return info != null && info.path("elected").asBoolean() && !info.path("frameworkId").isNull()
                        && !info.path("frameworkId").asString("").isEmpty();
            });
        } catch (Exception | Error e) {
            marathon.close();
            throw e;
        }
        return marathon;
    }

    URI uri() {
        return uri;
    }

    /** The name of marathon's database. */
    String databaseName() {
        return db.name();
    }

    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A GET whose body the caller reads (and closes). */
    HttpResponse<InputStream> stream(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri.resolve(path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The body of a GET that answered 200, else null. */
    JsonNode getJson(String path) {
        try {
            HttpResponse<String> response = send("GET", path, null);
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A change that must be accepted (200/201); its body otherwise ends the benchmark. */
    JsonNode change(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, body);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * Sum of {@code tasksRunning} over the apps under {@code groupId}, from {@code /v2/apps?embed=apps.counts};
     * -1 when it does not answer 200. Counted while the answer streams in, without a tree of it: the
     * benchmark asks ten times a second, and this JVM's CPU is reported as marathon's.
     */
    int tasksRunning(String groupId) {
        try {
            HttpResponse<InputStream> response = stream("/v2/apps?embed=apps.counts&id=" + groupId);
            try (InputStream body = response.body(); JsonParser parser = JSON.createParser(body)) {
                if (response.statusCode() != 200) {
                    return -1;
                }
                int running = 0;
                // tasksRunning of each app: at depth 3 (root object, "apps" array, app object).
                int depth = 0;
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    if (token.isStructStart()) {
                        depth++;
                    } else if (token.isStructEnd()) {
                        depth--;
                    } else if (depth == 3 && token == JsonToken.PROPERTY_NAME
                            && "tasksRunning".equals(parser.currentName())) {
                        parser.nextToken();
                        running += parser.getIntValue();
                    }
                }
                return running;
            }
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Whether no deployment runs. */
    boolean idle() {
        JsonNode deployments = getJson("/v2/deployments");
        return deployments != null && deployments.isEmpty();
    }

    @Override
    public void close() {
        context.close();
        db.close();
        Runtime.getRuntime().removeShutdownHook(cleanup);
    }
}
