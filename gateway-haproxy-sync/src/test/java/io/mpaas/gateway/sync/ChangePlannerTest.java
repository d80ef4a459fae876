package io.mpaas.gateway.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpaas.gateway.render.ServerSlot;
import io.mpaas.protocol.gateway.Backend;
import io.mpaas.protocol.gateway.HttpCheck;
import io.mpaas.protocol.gateway.ProxyMode;
import io.mpaas.protocol.gateway.RoutingTable;
import io.mpaas.protocol.gateway.Server;
import io.mpaas.protocol.gateway.ServerState;
import io.mpaas.protocol.gateway.ServiceFrontend;
import io.mpaas.protocol.gateway.VhostRoute;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangePlannerTest {

    private final ChangePlanner planner = new ChangePlanner();

    private static Server server(String task, int port) {
        return new Server(task, "agent1", "10.0.0.1", port, 1, ServerState.READY);
    }

    private static Backend web(HttpCheck check, Server... servers) {
        return new Backend("web_10000", "/web", 0, 10000, ProxyMode.HTTP, "roundrobin", false, check,
                List.of(servers));
    }

    private static RoutingTable table(Backend... backends) {
        List<ServiceFrontend> frontends = new ArrayList<>();
        for (Backend b : backends) {
            frontends.add(new ServiceFrontend(b.name(), b.appId(), 0, null, b.servicePort(), b.mode(), null,
                    b.name()));
        }
        return new RoutingTable(frontends, List.of(), List.of(backends), List.of());
    }

    private static SlotLayout layoutFor(RoutingTable table) {
        return SlotLayout.EMPTY.forReload(table);
    }

    @Test
    void nothingChangedMeansNothingToDo() {
        RoutingTable t = table(web(null, server("a", 31001)));
        ChangePlan plan = planner.plan(t, layoutFor(t), t);
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void aNewServerFillsTheFirstFreeSlotWithoutReload() {
        RoutingTable before = table(web(null, server("a", 31001)));
        RoutingTable after = table(web(null, server("a", 31001), server("b", 31002)));
        ChangePlan plan = planner.plan(before, layoutFor(before), after);
        assertThat(plan.needsReload()).isFalse();
        assertThat(plan.commands()).containsExactly(
                "set server web_10000/s2 addr 10.0.0.1 port 31002",
                "set server web_10000/s2 weight 1",
                "set server web_10000/s2 state ready");
        assertThat(plan.layout().of("web_10000").get(1).server().taskId()).isEqualTo("b");
    }

    @Test
    void withHaproxyChecksANewServerIsDeclaredUpAtOnce() {
        HttpCheck check = new HttpCheck("/health", 2, 1, 4);
        RoutingTable before = table(web(check, server("a", 31001)));
        RoutingTable after = table(web(check, server("a", 31001), server("b", 31002)));
        assertThat(planner.plan(before, layoutFor(before), after).commands())
                .endsWith("set server web_10000/s2 health up");
    }

    @Test
    void aGoneServerGoesToMaintenanceAndFreesItsSlot() {
        RoutingTable before = table(web(null, server("a", 31001), server("b", 31002)));
        RoutingTable after = table(web(null, server("b", 31002)));
        ChangePlan plan = planner.plan(before, layoutFor(before), after);
        assertThat(plan.commands()).containsExactly("set server web_10000/s1 state maint");
        assertThat(plan.layout().of("web_10000").get(0).isFree()).isTrue();
        assertThat(plan.layout().of("web_10000").get(1).server().taskId()).isEqualTo("b");
    }

    @Test
    void drainingMovesWeightAndAddressAreRuntimeChanges() {
        RoutingTable before = table(web(null, server("a", 31001), server("b", 31002)));
        Server drained = server("a", 31001).withState(ServerState.DRAIN);
        Server moved = new Server("b", "agent2", "10.0.0.2", 31005, 3, ServerState.READY);
        ChangePlan plan = planner.plan(before, layoutFor(before), table(web(null, drained, moved)));
        assertThat(plan.needsReload()).isFalse();
        assertThat(plan.commands()).containsExactly(
                "set server web_10000/s2 addr 10.0.0.2 port 31005",
                "set server web_10000/s2 weight 3",
                "set server web_10000/s1 state drain");
    }

    @Test
    void aNewServerIsReadyBeforeTheLastOldOneDrains() {
        RoutingTable before = table(web(null, server("old", 31001)));
        RoutingTable after = table(web(null, server("old", 31001).withState(ServerState.DRAIN), server("new", 31002)));
        assertThat(planner.plan(before, layoutFor(before), after).commands()).containsExactly(
                "set server web_10000/s2 addr 10.0.0.1 port 31002",
                "set server web_10000/s2 weight 1",
                "set server web_10000/s2 state ready",
                "set server web_10000/s1 state drain");
    }

    @Test
    void aServerThatNeedsAFreedSlotComesAfterTheRemovalThatFreesIt() {
        List<Server> full = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            full.add(server("t" + i, 31000 + i));
        }
        RoutingTable before = table(web(null, full.toArray(Server[]::new)));
        List<ServerSlot> slots = new ArrayList<>();
        for (int i = 0; i < full.size(); i++) {
            slots.add(new ServerSlot("s" + (i + 1), full.get(i)));
        }
        SlotLayout layout = new SlotLayout(java.util.Map.of("web_10000", slots));
        List<Server> swapped = new ArrayList<>(full.subList(1, 16));
        swapped.add(server("t99", 31099));
        ChangePlan plan = planner.plan(before, layout, table(web(null, swapped.toArray(Server[]::new))));
        assertThat(plan.needsReload()).isFalse();
        assertThat(plan.commands()).containsExactly(
                "set server web_10000/s1 state maint",
                "set server web_10000/s1 addr 10.0.0.1 port 31099",
                "set server web_10000/s1 weight 1",
                "set server web_10000/s1 state ready");
    }

    @Test
    void aFullBackendNeedsAReloadAndSendsNoPartialCommands() {
        List<Server> eight = new ArrayList<>();
        for (int i = 0; i < SlotLayout.MIN_SLOTS; i++) {
            eight.add(server("t" + i, 31000 + i));
        }
        RoutingTable before = table(web(null, eight.toArray(Server[]::new)));
        SlotLayout layout = layoutFor(before);
        List<Server> more = new ArrayList<>(eight);
        for (int i = eight.size(); i <= layout.of("web_10000").size(); i++) {
            more.add(server("t" + i, 31000 + i));
        }
        ChangePlan plan = planner.plan(before, layout, table(web(null, more.toArray(Server[]::new))));
        assertThat(plan.reloadBackends()).containsExactly("web_10000");
        assertThat(plan.commands()).isEmpty();
    }

    @Test
    void aRedefinedBackendANewBackendAndAGoneBackendNeedAReload() {
        RoutingTable before = table(web(null, server("a", 31001)));
        RoutingTable sticky = table(new Backend("web_10000", "/web", 0, 10000, ProxyMode.HTTP, "roundrobin", true,
                null, List.of(server("a", 31001))));
        assertThat(planner.plan(before, layoutFor(before), sticky).reloadBackends()).containsExactly("web_10000");

        Backend api = new Backend("api_10001", "/api", 0, 10001, ProxyMode.TCP, null, false, null, List.of());
        ChangePlan added = planner.plan(before, layoutFor(before), table(web(null, server("a", 31001)), api));
        assertThat(added.reloadBackends()).containsExactly("api_10001");
        assertThat(added.reloadFrontends()).isTrue();

        ChangePlan removed = planner.plan(before, layoutFor(before), RoutingTable.EMPTY);
        assertThat(removed.reloadBackends()).containsExactly("web_10000");
    }

    @Test
    void aNewVirtualHostNeedsAReloadWhileServerChangesStillGoThroughTheRuntimeApi() {
        RoutingTable before = table(web(null, server("a", 31001)));
        Backend grown = web(null, server("a", 31001), server("b", 31002));
        RoutingTable after = new RoutingTable(before.frontends(),
                List.of(new VhostRoute("web.example.com", null, "web_10000", "/web", 0, 1, false, null)),
                List.of(grown), List.of());
        ChangePlan plan = planner.plan(before, layoutFor(before), after);
        assertThat(plan.reloadFrontends()).isTrue();
        assertThat(plan.reloadBackends()).isEmpty();
        assertThat(plan.commands()).contains("set server web_10000/s2 state ready");
    }

    @Test
    void aReloadLayoutKeepsEveryServerInItsSlotAndGrowsOnlyWhenFull() {
        RoutingTable before = table(web(null, server("a", 31001), server("b", 31002), server("c", 31003)));
        SlotLayout layout = layoutFor(before);
        assertThat(layout.of("web_10000")).hasSize(SlotLayout.MIN_SLOTS);
        RoutingTable after = table(web(null, server("c", 31003), server("d", 31004)));
        List<ServerSlot> slots = layout.forReload(after).of("web_10000");
        assertThat(slots.get(2).server().taskId()).isEqualTo("c");
        assertThat(slots.get(0).server().taskId()).isEqualTo("d");
        assertThat(slots.get(1).isFree()).isTrue();

        List<Server> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add(server("t" + i, 31000 + i));
        }
        assertThat(layout.forReload(table(web(null, twenty.toArray(Server[]::new)))).of("web_10000")).hasSize(40);
    }
}
