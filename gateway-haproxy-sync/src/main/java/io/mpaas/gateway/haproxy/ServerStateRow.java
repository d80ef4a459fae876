package io.mpaas.gateway.haproxy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One server as HAProxy sees it right now, from {@code show servers state}. Columns are found by the header's
 * names, not positions, because their number grew between HAProxy versions.
 *
 * @param backend    {@code be_name}
 * @param server     {@code srv_name}
 * @param address    {@code srv_addr}; {@code 0.0.0.0} for an unused slot
 * @param port       {@code srv_port}
 * @param opState    {@code srv_op_state}: 0 stopped (down), 1 starting, 2 running (up), 3 stopping
 * @param adminState {@code srv_admin_state}, a bit set: 0x01 forced maint, 0x02 inherited maint, 0x04 "was
 *                   disabled in the config" (only a mark), 0x08 forced drain, 0x10 inherited drain, 0x20 maint
 *                   because of a DNS failure
 * @param weight     {@code srv_uweight}, the current user weight
 */
public record ServerStateRow(String backend, String server, String address, int port, int opState, int adminState,
        int weight) {

    private static final int MAINT_MASK = 0x01 | 0x02 | 0x20;
    private static final int DRAIN_MASK = 0x08 | 0x10;

    /** Taken out of load balancing and checks ({@code state maint}, {@code disabled} in the config). */
    public boolean inMaintenance() {
        return (adminState & MAINT_MASK) != 0;
    }

    /** Receives no new traffic but keeps its connections and checks ({@code state drain}). */
    public boolean draining() {
        return (adminState & DRAIN_MASK) != 0;
    }

    /** Up by its checks (or without checks) and not in maintenance: it may receive traffic. */
    public boolean up() {
        return opState == 2 && !inMaintenance();
    }

    /**
     * Parses the whole answer of {@code show servers state [backend]}: a version line ({@code 1}), a header
     * line starting with {@code #}, then one row per server separated by spaces.
     */
    public static List<ServerStateRow> parse(String answer) {
        Map<String, Integer> columns = null;
        List<ServerStateRow> rows = new ArrayList<>();
        for (String line : answer.lines().map(String::strip).toList()) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                columns = header(line.substring(1).strip().split("\\s+"));
            } else if (columns != null) {
                String[] f = line.split("\\s+");
                rows.add(new ServerStateRow(
                        field(f, columns, "be_name"),
                        field(f, columns, "srv_name"),
                        field(f, columns, "srv_addr"),
                        Integer.parseInt(field(f, columns, "srv_port")),
                        Integer.parseInt(field(f, columns, "srv_op_state")),
                        Integer.parseInt(field(f, columns, "srv_admin_state")),
                        Integer.parseInt(field(f, columns, "srv_uweight"))));
            }
            // the first line is the format version ("1"); nothing else precedes the header
        }
        return List.copyOf(rows);
    }

    private static Map<String, Integer> header(String[] names) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            columns.put(names[i], i);
        }
        for (String required : List.of("be_name", "srv_name", "srv_addr", "srv_port", "srv_op_state",
                "srv_admin_state", "srv_uweight")) {
            if (!columns.containsKey(required)) {
                throw new IllegalArgumentException("show servers state has no column " + required
                        + "; header: " + Arrays.toString(names));
            }
        }
        return columns;
    }

    private static String field(String[] fields, Map<String, Integer> columns, String name) {
        int index = columns.get(name);
        if (index >= fields.length) {
            throw new IllegalArgumentException("show servers state row too short for " + name + ": "
                    + String.join(" ", fields));
        }
        return fields[index];
    }
}
