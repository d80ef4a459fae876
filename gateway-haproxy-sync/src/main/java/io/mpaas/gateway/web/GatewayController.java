package io.mpaas.gateway.web;

import io.mpaas.gateway.marathon.MarathonFeedStatus;
import io.mpaas.gateway.sync.SyncStatus;
import io.mpaas.protocol.gateway.AppProblem;
import io.mpaas.protocol.gateway.RoutingTable;
import io.mpaas.protocol.gateway.ServiceFrontend;
import io.mpaas.protocol.gateway.VhostRoute;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gateway's own API on 8090: whether it is ready (only after marathon's apps were read in full and made
 * HAProxy's), what it routes, what it refused, the configuration it wrote, and how its last reload went.
 * Read-only: nothing here changes the routing, which follows marathon alone.
 */
@RestController
public class GatewayController {

    private final Supplier<SyncStatus> status;
    private final BooleanSupplier syncRunning;
    private final Supplier<MarathonFeedStatus> feed;
    private final ServiceUrls urls;

    public GatewayController(Supplier<SyncStatus> status, BooleanSupplier syncRunning,
            Supplier<MarathonFeedStatus> feed, ServiceUrls urls) {
        this.status = status;
        this.syncRunning = syncRunning;
        this.feed = feed;
        this.urls = urls;
    }

    /**
     * 200 once the first full read of marathon is routed and while the sync runs; 503 before (so a balancer in
     * front waits) and if the sync stopped (so a supervisor restarts the gateway instead of trusting stale routes).
     */
    @GetMapping(path = "/health", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> health() {
        SyncStatus now = status.get();
        boolean running = syncRunning.getAsBoolean();
        boolean up = now.synced() && running;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("synced", now.synced());
        body.put("syncRunning", running);
        if (!up && now.lastError() != null) {
            body.put("lastError", now.lastError());
        }
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    /** What HAProxy routes now: service-port frontends, virtual hosts, backends with their servers' states. */
    @GetMapping(path = "/v1/routes", produces = MediaType.APPLICATION_JSON_VALUE)
    public RoutingTable routes() {
        return status.get().routed();
    }

    /** Labels that were malformed or unknown, port conflicts, and apps HAProxy refused. */
    @GetMapping(path = "/v1/problems", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<AppProblem> problems() {
        return status.get().problems();
    }

    /** The configuration last written for HAProxy. */
    @GetMapping(path = "/v1/config", produces = MediaType.TEXT_PLAIN_VALUE)
    public String config() {
        return status.get().config();
    }

    /** The last reload (null before the first), and how many there were. */
    @GetMapping(path = "/v1/reload", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> reload() {
        SyncStatus now = status.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reloads", now.reloads());
        body.put("lastReload", now.lastReload());
        return body;
    }

    /** Everything at a glance: sync counters, the last error, and how the marathon feed is doing. */
    @GetMapping(path = "/v1/status", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> status() {
        SyncStatus now = status.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("synced", now.synced());
        body.put("apps", now.routed().appIds().size());
        body.put("backends", now.routed().backends().size());
        body.put("servers", now.routed().backends().stream().mapToInt(b -> b.servers().size()).sum());
        body.put("problems", now.problems().size());
        body.put("reloads", now.reloads());
        body.put("runtimeCommands", now.runtimeCommands());
        body.put("lastAppliedAt", now.lastAppliedAt());
        body.put("lastReload", now.lastReload());
        body.put("lastError", now.lastError());
        body.put("lastErrorAt", now.lastErrorAt());
        body.put("marathon", feed.get());
        return body;
    }

    /** One line per routed address, {@code <app id> <url>}: for scripts and {@code ./platform up}. */
    @GetMapping(path = "/v1/services", produces = MediaType.TEXT_PLAIN_VALUE)
    public String services() {
        RoutingTable routed = status.get().routed();
        StringBuilder sb = new StringBuilder();
        for (ServiceFrontend frontend : routed.frontends()) {
            sb.append(frontend.appId()).append(' ').append(urls.of(frontend)).append('\n');
        }
        for (VhostRoute vhost : routed.vhosts()) {
            sb.append(vhost.appId()).append(' ').append(urls.of(vhost)).append('\n');
        }
        return sb.toString();
    }
}
