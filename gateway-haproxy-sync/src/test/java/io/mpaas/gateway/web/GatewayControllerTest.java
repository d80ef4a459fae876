package io.mpaas.gateway.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mpaas.gateway.sync.SyncStatus;
import io.mpaas.protocol.gateway.AppProblem;
import io.mpaas.protocol.gateway.Backend;
import io.mpaas.protocol.gateway.ProxyMode;
import io.mpaas.protocol.gateway.RoutingTable;
import io.mpaas.protocol.gateway.Server;
import io.mpaas.protocol.gateway.ServerState;
import io.mpaas.protocol.gateway.ServiceFrontend;
import io.mpaas.protocol.gateway.VhostRoute;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class GatewayControllerTest {

    private static final RoutingTable TABLE = new RoutingTable(
            List.of(new ServiceFrontend("web_10000", "/web", 0, null, 10000, ProxyMode.HTTP, null, "web_10000"),
                    new ServiceFrontend("db_10001", "/db", 0, "10.0.0.9", 10001, ProxyMode.TCP, null, "db_10001")),
            List.of(new VhostRoute("web.example.com", null, "web_10000", "/web", 0, 0, false, null)),
            List.of(new Backend("web_10000", "/web", 0, 10000, ProxyMode.HTTP, null, false, null,
                    List.of(new Server("web.1", "agent-1", "10.0.0.1", 31000, 1, ServerState.READY),
                            new Server("web.2", "agent-1", "10.0.0.1", 31001, 1, ServerState.DRAIN)))),
            List.of());

    private final AtomicReference<SyncStatus> sync = new AtomicReference<>(new SyncStatus(false, RoutingTable.EMPTY,
            List.of(), "global\n", null, null, null, 0, 0, null));
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new GatewayController(sync::get, running::get,
            () -> new io.mpaas.gateway.marathon.MarathonFeedStatus(true, true, null, null, null, null, null, 0, 0, 0,
                    0, 0, null), new ServiceUrls("gw.example.com", 80, 443))).build();

    @Test
    void healthWaitsForTheFirstSyncAndFailsWhenTheSyncStops() throws Exception {
        mvc.perform(get("/health")).andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.status").value("DOWN")).andExpect(jsonPath("$.synced").value(false));
        sync.set(synced());
        mvc.perform(get("/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        running.set(false);
        mvc.perform(get("/health")).andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.syncRunning").value(false));
    }

    @Test
    void routesShowFrontendsVirtualHostsAndServersWithTheirStates() throws Exception {
        sync.set(synced());
        mvc.perform(get("/v1/routes")).andExpect(status().isOk())
                .andExpect(jsonPath("$.frontends[0].port").value(10000))
                .andExpect(jsonPath("$.frontends[0].mode").value("http"))
                .andExpect(jsonPath("$.vhosts[0].host").value("web.example.com"))
                .andExpect(jsonPath("$.backends[0].servers[0].state").value("ready"))
                .andExpect(jsonPath("$.backends[0].servers[1].state").value("drain"));
    }

    @Test
    void servicesListEveryAddressOfEveryApp() throws Exception {
        sync.set(synced());
        mvc.perform(get("/v1/services")).andExpect(status().isOk()).andExpect(content().string("""
                /web http://gw.example.com:10000/
                /db tcp://10.0.0.9:10001
                /web http://web.example.com/
                """));
    }

    @Test
    void problemsConfigAndReloadAreShownAsTheyAre() throws Exception {
        sync.set(synced());
        mvc.perform(get("/v1/problems")).andExpect(jsonPath("$[0].label").value("HAPROXY_0_MODE"));
        mvc.perform(get("/v1/config")).andExpect(content().string("global\n  maxconn 1\n"));
        mvc.perform(get("/v1/reload")).andExpect(jsonPath("$.reloads").value(2))
                .andExpect(jsonPath("$.lastReload.confirmed").value(true));
        mvc.perform(get("/v1/status")).andExpect(jsonPath("$.servers").value(2))
                .andExpect(jsonPath("$.marathon.connected").value(true));
    }

    private static SyncStatus synced() {
        return new SyncStatus(true, TABLE,
                List.of(new AppProblem("/web", "HAPROXY_0_MODE", "\"udp\" is not http or tcp")),
                "global\n  maxconn 1\n",
                new SyncStatus.ReloadRecord(Instant.parse("2026-01-01T00:00:00Z"), true, 1, 60, "worker 9", "new"),
                null, null, 2, 7, Instant.parse("2026-01-01T00:00:01Z"));
    }
}
