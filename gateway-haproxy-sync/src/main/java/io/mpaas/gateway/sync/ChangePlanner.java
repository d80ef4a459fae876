package io.mpaas.gateway.sync;

import io.mpaas.gateway.render.ServerSlot;
import io.mpaas.protocol.gateway.Backend;
import io.mpaas.protocol.gateway.RoutingTable;
import io.mpaas.protocol.gateway.Server;
import io.mpaas.protocol.gateway.ServerState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides, for two routing tables, between HAProxy's runtime API and a reload. A pure function: servers
 * that come, go, move, drain or change weight inside a backend whose definition is unchanged become
 * {@code set server} commands on free or freed slots; anything else (a frontend, a virtual host, a new or
 * redefined backend, a backend out of free slots) asks for a reload.
 *
 * <p>A server leaving a backend goes to {@code maint}; marathon reports a killed task as TASK_KILLING
 * first, which arrives here as {@link ServerState#DRAIN}, so its open connections have finished or are
 * finishing by then. A new server is set {@code ready}; when the backend has HAProxy checks it is also
 * declared {@code health up} at once, since marathon has just found it healthy: waiting for HAProxy's
 * first check would add up to an interval to the propagation time.
 */
public final class ChangePlanner {

    public ChangePlan plan(RoutingTable applied, SlotLayout layout, RoutingTable desired) {
        boolean frontendsChanged = !applied.frontends().equals(desired.frontends())
                || !applied.vhosts().equals(desired.vhosts());
        Map<String, Backend> before = byName(applied.backends());
        Map<String, Backend> after = byName(desired.backends());
        Set<String> reload = new LinkedHashSet<>();
        before.keySet().stream().filter(name -> !after.containsKey(name)).forEach(reload::add);
        List<String> commands = new ArrayList<>();
        // One layout built at the end: copying it per backend would cost backends x backends on every round.
        Map<String, List<ServerSlot>> result = new LinkedHashMap<>(layout.slots());
        for (Backend backend : desired.backends()) {
            Backend old = before.get(backend.name());
            if (old == null || !old.definition().equals(backend.definition())) {
                reload.add(backend.name());
                continue;
            }
            List<ServerSlot> slots = serverChanges(backend, layout.of(backend.name()), commands);
            if (slots == null) {
                reload.add(backend.name());
            } else {
                result.put(backend.name(), slots);
            }
        }
        return new ChangePlan(commands, new SlotLayout(result), reload, frontendsChanged);
    }

    /**
     * The runtime commands that turn {@code current} slots into {@code backend}'s servers, appended to
     * {@code out}; the resulting slots, or null when the servers do not fit (then nothing is appended).
     *
     * <p>Make before break: new servers that fit in slots free already come first, then changes of address and
     * weight, then drains and removals, and last the new servers that need a slot one of those removals frees.
     * A rolling restart of a single instance thus never leaves a moment with no server ready, which HAProxy
     * would answer with 503s.
     */
    static List<ServerSlot> serverChanges(Backend backend, List<ServerSlot> current, List<String> out) {
        Map<String, Server> wanted = new HashMap<>();
        backend.servers().forEach(s -> wanted.put(s.taskId(), s));
        ServerSlot[] slots = current.toArray(ServerSlot[]::new);
        boolean[] freeBefore = new boolean[slots.length];
        List<String> updates = new ArrayList<>();
        List<String> breaks = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (int i = 0; i < slots.length; i++) {
            ServerSlot slot = slots[i];
            if (slot.isFree()) {
                freeBefore[i] = true;
                continue;
            }
            Server now = wanted.get(slot.server().taskId());
            String target = backend.name() + "/" + slot.name();
            if (now == null) {
                breaks.add("set server " + target + " state maint");
                slots[i] = ServerSlot.free(slot.name());
                continue;
            }
            placed.add(now.taskId());
            Server was = slot.server();
            if (!was.sameEndpoint(now)) {
                updates.add("set server " + target + " addr " + now.ip() + " port " + now.port());
            }
            if (was.weight() != now.weight()) {
                updates.add("set server " + target + " weight " + now.weight());
            }
            if (was.state() != now.state()) {
                (now.state() == ServerState.DRAIN ? breaks : updates)
                        .add("set server " + target + " state " + keyword(now.state()));
            }
            slots[i] = new ServerSlot(slot.name(), now);
        }
        List<String> makes = new ArrayList<>();
        List<String> lateMakes = new ArrayList<>();
        List<Server> newcomers = backend.servers().stream().filter(s -> !placed.contains(s.taskId())).toList();
        for (Server server : newcomers) {
            int slot = freeSlot(slots, freeBefore, true);
            boolean early = slot >= 0;
            if (!early) {
                slot = freeSlot(slots, freeBefore, false);
            }
            if (slot < 0) {
                return null;
            }
            String target = backend.name() + "/" + slots[slot].name();
            List<String> to = early ? makes : lateMakes;
            to.add("set server " + target + " addr " + server.ip() + " port " + server.port());
            to.add("set server " + target + " weight " + server.weight());
            to.add("set server " + target + " state " + keyword(server.state()));
            if (backend.httpCheck() != null && server.state() == ServerState.READY) {
                to.add("set server " + target + " health up");
            }
            slots[slot] = new ServerSlot(slots[slot].name(), server);
        }
        out.addAll(makes);
        out.addAll(updates);
        out.addAll(breaks);
        out.addAll(lateMakes);
        return List.of(slots);
    }

    /** The lowest free slot that was free before this change ({@code before}) or was freed by it; -1 if none. */
    private static int freeSlot(ServerSlot[] slots, boolean[] freeBefore, boolean before) {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i].isFree() && freeBefore[i] == before) {
                return i;
            }
        }
        return -1;
    }

    private static String keyword(ServerState state) {
        return state == ServerState.READY ? "ready" : "drain";
    }

    private static Map<String, Backend> byName(List<Backend> backends) {
        return backends.stream().collect(Collectors.toMap(Backend::name, Function.identity(), (a, b) -> a,
                LinkedHashMap::new));
    }
}
