package io.mpaas.gateway.haproxy;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One process in the master CLI's {@code show proc}.
 *
 * @param pid           the process id
 * @param role          master, worker or an external program
 * @param old           true for a worker from before the last reload that still finishes its connections
 *                      (listed under {@code # old workers})
 * @param reloads       for the master: reloads since it started; for a worker: reloads it has lived through
 *                      (0 for the current worker after a successful reload)
 * @param failedReloads master only: reloads that failed since the last successful one (reset to 0 by a success);
 *                      0 for other rows
 * @param uptime        time since the process started
 * @param version       HAProxy's version string
 */
public record ProcessRow(int pid, Role role, boolean old, int reloads, int failedReloads, Duration uptime,
        String version) {

    /** What a row of {@code show proc} stands for. */
    public enum Role {
        /** The master: same pid for its whole life, re-executes itself on reload. */
        MASTER,
        /** A worker that serves traffic (or served it, if {@code old}). */
        WORKER,
        /** A process started from a {@code program} section. */
        PROGRAM
    }

    /** {@code 18377   master   5 [failed: 0]   0d00h01m27s   2.6.12-1+deb12u4}; the failed part only on the master. */
    private static final Pattern ROW = Pattern.compile(
            "^(\\d+)\\s+(\\S+)\\s+(\\d+)(?:\\s+\\[failed:\\s*(\\d+)])?\\s+(\\S+)(?:\\s+(\\S+))?\\s*$");
    private static final Pattern UPTIME = Pattern.compile("^(\\d+)d(\\d+)h(\\d+)m(\\d+)s$");

    /** Parses one row; {@code section} is the role the {@code #} line above it announced. */
    static ProcessRow parse(String line, Role section, boolean old) {
        Matcher m = ROW.matcher(line.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("unexpected show proc row: " + line);
        }
        Role role = "master".equals(m.group(2)) ? Role.MASTER : section;
        int failed = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        return new ProcessRow(Integer.parseInt(m.group(1)), role, old, Integer.parseInt(m.group(3)), failed,
                uptime(m.group(5)), m.group(6) == null ? "" : m.group(6));
    }

    private static Duration uptime(String text) {
        Matcher m = UPTIME.matcher(text);
        if (!m.matches()) {
            return Duration.ZERO;
        }
        return Duration.ofDays(Long.parseLong(m.group(1))).plusHours(Long.parseLong(m.group(2)))
                .plusMinutes(Long.parseLong(m.group(3))).plusSeconds(Long.parseLong(m.group(4)));
    }
}
