package io.mpaas.gateway.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mpaas.gateway.haproxy.ConfigFiles;
import io.mpaas.gateway.haproxy.HaproxyProcess;
import io.mpaas.gateway.haproxy.HaproxySettings;
import io.mpaas.gateway.haproxy.Reloader;
import io.mpaas.gateway.haproxy.RuntimeApi;
import io.mpaas.gateway.haproxy.ServerStateRow;
import io.mpaas.gateway.haproxy.SocketMasterCli;
import io.mpaas.gateway.haproxy.Sleeper;
import io.mpaas.gateway.marathon.MarathonFeed;
import io.mpaas.gateway.marathon.MarathonSettings;
import io.mpaas.gateway.render.HaproxyConfigRenderer;
import io.mpaas.gateway.render.RenderSettings;
import io.mpaas.gateway.routing.HostResolver;
import io.mpaas.gateway.routing.RoutingSettings;
import io.mpaas.gateway.routing.RoutingTableBuilder;
import io.mpaas.gateway.sync.GatewaySync;
import io.mpaas.gateway.sync.HaproxyProxy;
import io.mpaas.gateway.sync.SyncMetrics;
import io.mpaas.gateway.sync.SyncSettings;
import io.mpaas.protocol.gateway.Backend;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The gateway's real parts wired as {@code GatewayConfiguration} wires them, without Spring: a managed HAProxy in
 * a temporary run directory on free ports, the sync, and the feed following a {@link BenchMarathon}. Started in
 * {@code GatewayLifecycle}'s order; {@link #close()} stops everything and deletes nothing but HAProxy's process.
 */
final class BenchGateway implements AutoCloseable {

    final Path runDir;
    final HaproxySettings haproxy;
    final RenderSettings render;
    final HaproxyConfigRenderer renderer;
    final RoutingTableBuilder builder;
    final RuntimeApi runtime;
    final ConfigFiles files;
    final HaproxyProcess process;
    final GatewaySync sync;
    final MarathonFeed feed;

    BenchGateway(BenchMarathon marathon) throws IOException {
        this(marathon, 0);
    }

    /**
     * @param marathon the fake to follow, or null for a gateway whose sync is fed directly (no feed started)
     * @param maxconn  HAProxy's maxconn, 0 for the renderer's default (derived from the file limit)
     */
    BenchGateway(BenchMarathon marathon, int maxconn) throws IOException {
        this(marathon, maxconn, null);
    }

    /** @param templatesDir operators' template overrides, or null */
    BenchGateway(BenchMarathon marathon, int maxconn, Path templatesDir) throws IOException {
        this(marathon, maxconn, templatesDir, Files.createTempDirectory("gw-bench"), HaproxySettings.Mode.MANAGED);
    }

    /**
     * @param runDir where HAProxy's config and sockets are
     * @param mode   MANAGED: this gateway starts HAProxy; ATTACHED: one runs already on {@code runDir}'s files
     */
    BenchGateway(BenchMarathon marathon, int maxconn, Path templatesDir, Path runDir, HaproxySettings.Mode mode)
            throws IOException {
        Clock clock = Clock.systemUTC();
        this.runDir = runDir;
        haproxy = HaproxySettings.under(runDir, mode);
        render = new RenderSettings(templatesDir, freePort(), freePort(), "127.0.0.1", freePort(), null, null,
                haproxy.adminSocket().toString(), maxconn, null, null, null);
        renderer = new HaproxyConfigRenderer(render);
        builder = new RoutingTableBuilder(RoutingSettings.defaults(),
                HostResolver.fixed(Map.of(BenchApps.HOST, BenchApps.HOST)));
        runtime = new RuntimeApi(haproxy);
        SocketMasterCli master = new SocketMasterCli(haproxy, clock);
        files = new ConfigFiles(haproxy, clock);
        process = new HaproxyProcess(haproxy, master, clock, Sleeper.REAL);
        HaproxyProxy proxy = new HaproxyProxy(runtime, files, new Reloader(master, haproxy, clock));
        sync = new GatewaySync(apps -> builder.build(List.copyOf(apps)), renderer::render, proxy,
                new SyncSettings(null, null), new SyncMetrics(new SimpleMeterRegistry()), clock,
                mode == HaproxySettings.Mode.ATTACHED);
        feed = marathon == null ? null
                : new MarathonFeed(MarathonSettings.defaults().withUrls(List.of(marathon.url())), sync, clock);
    }

    /** Writes and validates the empty configuration, starts HAProxy, the sync and the feed. */
    BenchGateway start() {
        if (haproxy.mode() == HaproxySettings.Mode.MANAGED) {
            sync.writeInitialConfig();
        }
        process.start();
        sync.start();
        if (feed != null) {
            feed.start();
        }
        return this;
    }

    /** Waits until a reload has been confirmed with the app's backend routed; returns that backend's name. */
    String awaitBackend(String appId, Duration timeout) {
        awaitTrue(() -> backendOf(appId).isPresent(), timeout, "no backend for " + appId + " was routed");
        return backendOf(appId).orElseThrow();
    }

    Optional<String> backendOf(String appId) {
        return sync.status().routed().backends().stream().filter(b -> b.appId().equals(appId)).map(Backend::name)
                .findFirst();
    }

    /** The server rows of this backend with this port. */
    List<ServerStateRow> rows(String backend, int port) {
        return runtime.showServersState(backend).stream().filter(row -> row.port() == port).toList();
    }

    boolean routes(String backend, int port) {
        return rows(backend, port).stream().anyMatch(ServerStateRow::up);
    }

    /** Whether no row of this backend with this port may receive traffic (in maintenance, or gone). */
    boolean unroutes(String backend, int port) {
        return rows(backend, port).stream().allMatch(ServerStateRow::inMaintenance);
    }

    int httpPort() {
        return render.httpPort();
    }

    URI url(int servicePort) {
        return URI.create("http://127.0.0.1:" + servicePort + "/");
    }

    @Override
    public void close() {
        if (feed != null) {
            feed.stop();
        }
        sync.stop();
        process.stop();
    }

    /** Polls without sleeping longer than half a millisecond; throws past the deadline. */
    static void awaitTrue(BooleanSupplier condition, Duration timeout, String failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure + " within " + timeout);
            }
            pause();
        }
    }

    static void pause() {
        try {
            Thread.sleep(Duration.ofNanos(500_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A port free now, outside 31000-32000 (the tests' rule) and away from the well-known ones. */
    static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (port < 31000 || port > 32000) {
                    return port;
                }
            }
        }
    }
}
