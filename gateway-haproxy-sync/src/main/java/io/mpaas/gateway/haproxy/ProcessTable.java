package io.mpaas.gateway.haproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The answer of the master CLI's {@code show proc}: the master, the current workers, the old workers that are
 * still finishing connections after a reload, and programs.
 */
public record ProcessTable(List<ProcessRow> rows) {

    public ProcessTable {
        rows = List.copyOf(rows);
    }

    /**
     * Parses {@code show proc} as HAProxy 2.6 prints it:
     * <pre>
     * #&lt;PID&gt;          &lt;type&gt;          &lt;reloads&gt;       &lt;uptime&gt;        &lt;version&gt;
     * 18377           master          5 [failed: 0]   0d00h00m46s     2.6.12-1+deb12u4
     * # workers
     * 19357           worker          0               0d00h00m01s     2.6.12-1+deb12u4
     * # old workers
     * 19309           worker          1               0d00h00m05s     2.6.12-1+deb12u4
     * # programs
     * </pre>
     */
    public static ProcessTable parse(String answer) {
        List<ProcessRow> rows = new ArrayList<>();
        ProcessRow.Role section = ProcessRow.Role.MASTER;
        boolean old = false;
        for (String line : answer.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#<")) {
                continue;
            }
            if (line.startsWith("#")) {
                String title = line.substring(1).strip();
                old = title.startsWith("old ");
                section = title.endsWith("programs") ? ProcessRow.Role.PROGRAM : ProcessRow.Role.WORKER;
                continue;
            }
            rows.add(ProcessRow.parse(line, section, old));
        }
        return new ProcessTable(rows);
    }

    public Optional<ProcessRow> master() {
        return rows.stream().filter(r -> r.role() == ProcessRow.Role.MASTER).findFirst();
    }

    /** Workers that serve new connections. */
    public List<ProcessRow> currentWorkers() {
        return rows.stream().filter(r -> r.role() == ProcessRow.Role.WORKER && !r.old()).toList();
    }

    /** Workers replaced by a reload that still finish their connections. */
    public List<ProcessRow> oldWorkers() {
        return rows.stream().filter(r -> r.role() == ProcessRow.Role.WORKER && r.old()).toList();
    }

    /** Pids of all workers, current and old. */
    public Set<Integer> workerPids() {
        return rows.stream().filter(r -> r.role() == ProcessRow.Role.WORKER).map(ProcessRow::pid)
                .collect(Collectors.toUnmodifiableSet());
    }
}
