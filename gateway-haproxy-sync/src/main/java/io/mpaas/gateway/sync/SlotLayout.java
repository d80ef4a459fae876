package io.mpaas.gateway.sync;

import io.mpaas.gateway.render.ServerSlot;
import io.mpaas.protocol.gateway.Backend;
import io.mpaas.protocol.gateway.RoutingTable;
import io.mpaas.protocol.gateway.Server;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which server sits in which slot of each backend, as HAProxy has it. Backends are written with spare
 * slots ({@link #slotsFor}) so that scaling up fills a free slot through the runtime API instead of a
 * reload; a server keeps its slot for as long as it lives, across reloads too, so that a reload never
 * moves a connection's server or a sticky cookie to another instance. Immutable.
 */
public record SlotLayout(Map<String, List<ServerSlot>> slots) {

    /** Spare slots are at least this many, so small apps can double without a reload. */
    static final int MIN_SLOTS = 8;

    public SlotLayout {
        Map<String, List<ServerSlot>> copy = new LinkedHashMap<>();
        slots.forEach((backend, list) -> copy.put(backend, List.copyOf(list)));
        slots = java.util.Collections.unmodifiableMap(copy);
    }

    public static final SlotLayout EMPTY = new SlotLayout(Map.of());

    /** How many slots a backend of {@code servers} servers is written with: twice as many, at least {@link #MIN_SLOTS}. */
    static int slotsFor(int servers) {
        return Math.max(MIN_SLOTS, servers * 2);
    }

    /**
     * The layout to write in a new configuration for {@code table}: every server that already has a slot
     * keeps it; new servers take the lowest free slots; a backend too small for its servers grows to
     * {@link #slotsFor} (and never shrinks while its servers fit, so scaling down and up again costs no reload).
     */
    public SlotLayout forReload(RoutingTable table) {
        Map<String, List<ServerSlot>> result = new LinkedHashMap<>();
        for (Backend backend : table.backends()) {
            List<ServerSlot> old = slots.getOrDefault(backend.name(), List.of());
            int size = old.size() >= backend.servers().size() ? Math.max(old.size(), MIN_SLOTS)
                    : slotsFor(backend.servers().size());
            result.put(backend.name(), place(old, backend.servers(), size));
        }
        return new SlotLayout(result);
    }

    private static List<ServerSlot> place(List<ServerSlot> old, List<Server> servers, int size) {
        Map<String, Integer> slotOfTask = new HashMap<>();
        for (int i = 0; i < old.size() && i < size; i++) {
            if (!old.get(i).isFree()) {
                slotOfTask.put(old.get(i).server().taskId(), i);
            }
        }
        Server[] placed = new Server[size];
        List<Server> newcomers = new ArrayList<>();
        for (Server server : servers) {
            Integer slot = slotOfTask.get(server.taskId());
            if (slot != null) {
                placed[slot] = server;
            } else {
                newcomers.add(server);
            }
        }
        int next = 0;
        for (Server server : newcomers) {
            while (placed[next] != null) {
                next++;
            }
            placed[next] = server;
        }
        List<ServerSlot> result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            result.add(new ServerSlot(slotName(i), placed[i]));
        }
        return result;
    }

    static String slotName(int index) {
        return "s" + (index + 1);
    }

    public List<ServerSlot> of(String backend) {
        return slots.getOrDefault(backend, List.of());
    }
}
