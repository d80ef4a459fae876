package io.mpaas.gateway.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpServer;

/**
 * The driver against the real HAProxy 2.6 of this machine, in managed master-worker mode: one frontend, one
 * backend with three slots (one real server, two free), backends are in-process JDK HTTP servers answering
 * their name. The tests share one HAProxy and run in order; the later ones kill it, leave it to a next
 * "gateway" (adoption) and start it afresh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HaproxyDriverIT {

    private static final Logger log = LoggerFactory.getLogger(HaproxyDriverIT.class);
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final Clock clock = Clock.systemUTC();
    private final List<HttpServer> servers = new ArrayList<>();
    private Path runDir;
    private HaproxySettings settings;
    private HttpServer alpha;
    private HttpServer beta;
    private int frontendPort;
    private RuntimeApi runtime;
    private SocketMasterCli master;
    private ConfigFiles configFiles;
    private Reloader reloader;
    private HaproxyProcess haproxy;

    @BeforeAll
    void startHaproxy() throws IOException {
        runDir = Files.createTempDirectory("gw-haproxy-it");
        settings = new HaproxySettings(HaproxySettings.Mode.MANAGED, "/usr/sbin/haproxy", runDir, null, null, null,
                null, Duration.ofSeconds(10), Duration.ofSeconds(10), 5, Duration.ofMillis(200),
                Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(5));
        alpha = backend("alpha");
        beta = backend("beta");
        frontendPort = freePort();
        runtime = new RuntimeApi(settings);
        master = new SocketMasterCli(settings, clock);
        configFiles = new ConfigFiles(settings, clock);
        reloader = new Reloader(master, settings, clock);
        haproxy = new HaproxyProcess(settings, master, clock, Sleeper.REAL);

        String config = config("v1");
        assertThat(configFiles.validate(config).valid()).isTrue();
        configFiles.write(config);
        haproxy.start();
    }

    @AfterAll
    void stopEverything() throws IOException {
        try {
            if (haproxy != null) {
                haproxy.stop();
            }
        } finally {
            servers.forEach(s -> s.stop(0));
            if (runDir != null) {
                try (var files = Files.list(runDir)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                }
                Files.deleteIfExists(runDir);
            }
        }
    }

    @Test
    @Order(1)
    void trafficThroughTheFrontendReachesTheServer() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpProbe.Response response = HttpProbe.get(frontendPort);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("alpha");
        });
        assertThat(master.showProc().currentWorkers()).hasSize(1);
    }

    @Test
    @Order(2)
    void aServerAddedThroughTheRuntimeApiGetsTrafficUntilItIsPutInMaintenance() {
        long start = System.nanoTime();
        List<String> answers = runtime.execute(List.of(
                "set server be/s2 addr 127.0.0.1 port " + beta.getAddress().getPort(),
                "set server be/s2 state ready",
                "set server be/s2 health up"));
        log.info("3-command runtime batch took {} us; answers {}", (System.nanoTime() - start) / 1000, answers);
        assertThat(answers.getFirst()).contains("IP changed from '0.0.0.0' to '127.0.0.1'");

        ServerStateRow s2 = slot("s2");
        assertThat(s2.address()).isEqualTo("127.0.0.1");
        assertThat(s2.port()).isEqualTo(beta.getAddress().getPort());
        assertThat(s2.inMaintenance()).isFalse();
        await().atMost(PATIENCE).until(() -> bodiesOf(10).equals(Set.of("alpha", "beta")));

        runtime.execute("set server be/s2 state maint");

        assertThat(slot("s2").inMaintenance()).isTrue();
        await().atMost(PATIENCE).until(() -> bodiesOf(10).equals(Set.of("alpha")));
    }

    @Test
    @Order(3)
    void aBatchOfOneHundredCommandsTakesMilliseconds() {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add("set server be/s3 addr 127.0.0." + (i % 250 + 1) + " port " + (20000 + i));
        }
        runtime.execute(batch); // warm-up: class loading and the first connection cost more than the batch

        long start = System.nanoTime();
        List<String> answers = runtime.execute(batch);
        long micros = (System.nanoTime() - start) / 1000;

        long oneByOne = System.nanoTime();
        batch.forEach(runtime::execute);
        log.info("100-command runtime batch over one connection took {} us; one connection per command {} us",
                micros, (System.nanoTime() - oneByOne) / 1000);
        assertThat(answers).hasSize(100);
        assertThat(micros).isLessThan(1_000_000);
        assertThat(slot("s3").port()).isEqualTo(20099);
        assertThat(slot("s3").inMaintenance()).isTrue();
    }

    @Test
    @Order(4)
    void aRefusedCommandIsReportedWithItsAnswerAndStopsTheBatch() {
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(RuntimeApiException.class,
                () -> runtime.execute(List.of("set server be/s3 weight 2", "set server be/nope state ready",
                        "set server be/s3 weight 3")));

        assertThat(thrown.command()).isEqualTo("set server be/nope state ready");
        assertThat(thrown.answer()).contains("No such server");
        assertThat(slot("s3").weight()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void aReloadKeepsAnOpenKeepAliveConnectionWorkingAndIsConfirmedByShowProc() throws IOException {
        int oldWorker = master.showProc().currentWorkers().getFirst().pid();
        try (HttpProbe connection = new HttpProbe(frontendPort)) {
            assertThat(connection.request().status()).isEqualTo(200);

            String v2 = config("v2");
            Validation validation = configFiles.validate(v2);
            assertThat(validation.valid()).as(validation.output()).isTrue();
            configFiles.write(v2);
            ReloadResult result = reloader.reload();
            log.info("reload: {} (validation took {} ms)", result, validation.took().toMillis());

            assertThat(result.ok()).as(result.message()).isTrue();
            assertThat(result.newWorkerPid()).isNotEqualTo(oldWorker);
            ProcessTable table = master.showProc();
            assertThat(table.currentWorkers()).extracting(ProcessRow::pid).containsExactly(result.newWorkerPid());
            assertThat(table.oldWorkers()).extracting(ProcessRow::pid).contains(oldWorker);

            HttpProbe.Response again = connection.request();
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.headers()).doesNotContainKey("x-config"); // still the old worker
        }
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(HttpProbe.get(frontendPort).headers()).containsEntry("x-config", "v2"));
        assertThat(configFiles.archived()).hasSize(1);
    }

    @Test
    @Order(6)
    void anInvalidConfigIsRefusedAndTheProxyKeepsServing() {
        String broken = config("v3").replace("    balance roundrobin", "    balance roundrobin\n    bogus_keyword 1");

        Validation validation = configFiles.validate(broken);

        assertThat(validation.valid()).isFalse();
        assertThat(validation.output()).contains("bogus_keyword");
        assertThat(configFiles.read()).hasValue(config("v2"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(HttpProbe.get(frontendPort).status()).isEqualTo(200));
    }

    @Test
    @Order(7)
    void aReloadOfAnUnvalidatedBrokenConfigIsReportedFailedAndTrafficContinues() {
        int worker = master.showProc().currentWorkers().getFirst().pid();
        configFiles.write(config("v3").replace("    balance roundrobin", "    balance roundrobin\n    bogus_keyword 1"));

        ReloadResult failed = reloader.reload();

        assertThat(failed.ok()).isFalse();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.message()).contains("rejected");
        assertThat(master.showProc().currentWorkers()).extracting(ProcessRow::pid).containsExactly(worker);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(HttpProbe.get(frontendPort).status()).isEqualTo(200));
        assertThat(haproxy.recentOutput()).anyMatch(line -> line.contains("bogus_keyword"));

        configFiles.write(config("v2"));
        assertThat(reloader.reload().ok()).isTrue();
    }

    @Test
    @Order(8)
    void aKilledMasterIsRestartedAndServesAgain() {
        long killed = haproxy.masterPid().orElseThrow();

        ProcessHandle.of(killed).orElseThrow().destroyForcibly();

        await().atMost(PATIENCE).until(() -> haproxy.restarts() == 1);
        assertThat(haproxy.masterPid()).isPresent().isNotEqualTo(java.util.OptionalLong.of(killed));
        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpProbe.Response response = HttpProbe.get(frontendPort);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("alpha");
            assertThat(response.headers()).containsEntry("x-config", "v2");
        });
    }

    @Test
    @Order(9)
    void aMasterLeftByAKilledGatewayIsAdoptedReloadedAndStoppedByTheNextOne() throws IOException {
        long orphan = haproxy.masterPid().orElseThrow();
        haproxy.abandon();
        assertThat(ProcessHandle.of(orphan)).as("abandoning leaves it running").isPresent();

        HaproxyProcess next = new HaproxyProcess(settings, master, clock, Sleeper.REAL);
        haproxy = next;
        assertThat(next.start()).isEqualTo(HaproxyProcess.Start.ADOPTED);
        assertThat(next.masterPid()).hasValue(orphan);

        configFiles.write(config("v3"));
        assertThat(reloader.reload().ok()).isTrue();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(HttpProbe.get(frontendPort).headers())
                .containsEntry("x-config", "v3"));

        next.stop();
        await().atMost(PATIENCE).until(() -> ProcessHandle.of(orphan).isEmpty());
    }

    @Test
    @Order(10)
    void aStalePidFileNamingAnotherProcessStartsANewMaster() throws IOException {
        Files.writeString(settings.pidFile(), ProcessHandle.current().pid() + "\n");

        HaproxyProcess fresh = new HaproxyProcess(settings, master, clock, Sleeper.REAL);
        haproxy = fresh;
        assertThat(fresh.start()).isEqualTo(HaproxyProcess.Start.STARTED);
        assertThat(fresh.masterPid()).isPresent().isNotEqualTo(java.util.OptionalLong.of(ProcessHandle.current().pid()));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(HttpProbe.get(frontendPort).headers())
                .containsEntry("x-config", "v3"));
    }

    private String config(String version) {
        String header = version.equals("v1") ? "" : "    http-response set-header X-Config " + version + "\n";
        return """
                global
                    stats socket %s mode 600 level admin
                    # let old workers finish idle keep-alive connections instead of closing them on reload
                    close-spread-time infinite
                    hard-stop-after 30s
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 30s
                    timeout server 30s
                    timeout http-keep-alive 30s
                frontend fe
                    bind 127.0.0.1:%d
                %s    default_backend be
                backend be
                    balance roundrobin
                    default-server inter 200ms rise 1 fall 1
                    server s1 127.0.0.1:%d check
                    server s2 0.0.0.0:0 disabled check
                    server s3 0.0.0.0:0 disabled check
                """.formatted(settings.adminSocket(), frontendPort, header, alpha.getAddress().getPort());
    }

    private ServerStateRow slot(String name) {
        return runtime.showServersState("be").stream().filter(r -> r.server().equals(name)).findFirst().orElseThrow();
    }

    private Set<String> bodiesOf(int requests) throws IOException {
        Set<String> bodies = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            bodies.add(HttpProbe.get(frontendPort).body());
        }
        return bodies;
    }

    private HttpServer backend(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = name.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return server;
    }

    /** A free port outside 31000-32000, which belongs to the cluster's service ports on this machine. */
    private static int freePort() throws IOException {
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
