package io.mpaas.gateway.marathon;

import io.mpaas.protocol.marathon.AppInfo;
import io.mpaas.protocol.marathon.MarathonJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The few marathon reads the feed makes, over one JDK {@link HttpClient} (HTTP/1.1: an event stream is one long
 * response, which gains nothing from HTTP/2). Every request carries HTTP Basic credentials when configured; the
 * header is built once here and never logged. Redirects are not followed by the client: a standby answers the
 * event stream with a 302 to the leader, which the feed handles itself so that it knows whom it follows.
 */
final class MarathonClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MarathonClient.class);

    /** How much of an error body goes into a message: enough for marathon's {@code message}, not a page. */
    private static final int ERROR_BODY_LIMIT = 200;

    private final MarathonSettings settings;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;
    private final Optional<String> authorization;

    MarathonClient(MarathonSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.authorization = settings.hasCredentials()
                ? Optional.of("Basic " + Base64.getEncoder().encodeToString(
                        (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8)))
                : Optional.empty();
    }

    /** A non-2xx answer. The message holds the status and the start of the body, never a credential. */
    static final class StatusException extends IOException {
        private final int status;

        StatusException(String what, int status, String body) {
            super(what + " answered " + status + (body == null || body.isBlank() ? ""
                    : ": " + (body.length() > ERROR_BODY_LIMIT ? body.substring(0, ERROR_BODY_LIMIT) + "…" : body)));
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** The leader's {@code host:port} as {@code base} sees it; empty while it knows none (404). */
    Optional<String> leader(URI base) throws IOException, InterruptedException {
        HttpResponse<String> response = get(base, "/v2/leader");
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode leader = tree(requireOk(response, "/v2/leader"), "/v2/leader").path("leader");
        return leader.isString() && !leader.asString().isBlank() ? Optional.of(leader.asString())
                : Optional.empty();
    }

    /**
     * Every app with tasks, readiness results and deployments. An app that does not read as {@link AppInfo} is
     * left out with a warning rather than failing the whole read: one odd app must not freeze every other.
     */
    Apps apps(URI base) throws IOException, InterruptedException {
        String path = "/v2/apps?embed=apps.tasks&embed=apps.readiness&embed=apps.deployments";
        JsonNode apps = tree(requireOk(get(base, path), "/v2/apps"), "/v2/apps").path("apps");
        if (!apps.isArray()) {
            throw new IOException("/v2/apps answered without an apps array");
        }
        List<AppInfo> read = new ArrayList<>(apps.size());
        List<String> unreadable = new ArrayList<>();
        for (JsonNode app : apps) {
            try {
                read.add(MarathonJson.mapper().treeToValue(app, AppInfo.class));
            } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
                String id = app.path("id").asString("?");
                unreadable.add(id);
                log.warn("App {} from marathon does not read as an app and is left out: {}", id, e.getMessage());
            }
        }
        return new Apps(read, unreadable);
    }

    /** The result of a full read: the apps, and the ids of those that could not be read. */
    record Apps(List<AppInfo> apps, List<String> unreadable) {
        Apps {
            apps = List.copyOf(apps);
            unreadable = List.copyOf(unreadable);
        }
    }

    /** One app with tasks, readiness results and deployments; empty when marathon has no such app (404). */
    Optional<AppInfo> app(URI base, String appId) throws IOException, InterruptedException {
        String path = "/v2/apps" + encodePath(appId) + "?embed=app.tasks&embed=app.readiness&embed=app.deployments";
        HttpResponse<String> response = get(base, path);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode app = tree(requireOk(response, "/v2/apps" + appId), "/v2/apps" + appId).path("app");
        if (!app.isObject()) {
            throw new IOException("/v2/apps" + appId + " answered without an app");
        }
        try {
            return Optional.of(MarathonJson.mapper().treeToValue(app, AppInfo.class));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new IOException("App " + appId + " from marathon does not read as an app: " + e.getMessage(), e);
        }
    }

    /**
     * Opens {@code GET /v2/events} for the given types. {@code handler} sees the status and headers as soon as they
     * arrive; the returned future completes when the response ends (for a stream: when it breaks).
     */
    <T> CompletableFuture<HttpResponse<T>> events(URI base, List<String> eventTypes, BodyHandler<T> handler) {
        String query = eventTypes.stream().map(type -> "event_type=" + URLEncoder.encode(type, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(base, "/v2/events?" + query))
                .header("Accept", "text/event-stream")
                .GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        return http.sendAsync(request.build(), handler);
    }

    /** {@code base} with {@code pathAndQuery} appended to its path (a marathon behind a path prefix works). */
    static URI resolve(URI base, String pathAndQuery) {
        String prefix = base.toString();
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return URI.create(prefix + pathAndQuery);
    }

    private HttpResponse<String> get(URI base, String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(base, pathAndQuery))
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json")
                .GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String requireOk(HttpResponse<String> response, String what) throws StatusException {
        if (response.statusCode() / 100 != 2) {
            throw new StatusException(what, response.statusCode(), response.body());
        }
        return response.body();
    }

    private static JsonNode tree(String body, String what) throws IOException {
        try {
            return MarathonJson.mapper().readTree(body);
        } catch (JacksonException e) {
            throw new IOException(what + " answered malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** App ids are paths of DNS-like segments; anything else in one is escaped rather than trusted. */
    private static String encodePath(String appId) {
        StringBuilder path = new StringBuilder();
        for (String segment : appId.split("/")) {
            if (!segment.isEmpty()) {
                path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        return path.toString();
    }

    /** Aborts every request in flight, the event stream included, and frees the client's threads. */
    @Override
    public void close() {
        http.shutdownNow();
        executor.shutdownNow();
    }
}
