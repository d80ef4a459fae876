package io.mpaas.agent.process;

/**
 * The wrapper's and the task's pids, each with its start time in clock ticks after boot (a
 * pid alone may name another process after a restart; the pair cannot, until a reboot). The
 * task's pid is also its process group and session.
 */
record TaskPids(long wrapperPid, long wrapperStart, long taskPid, long taskStart) {

    /** Parses the wrapper's line {@code "WPID WSTART TPID TSTART"}. */
    static TaskPids parse(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length != 4) {
            throw new IllegalArgumentException("expected 'WPID WSTART TPID TSTART', got '" + line + "'");
        }
        return new TaskPids(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
    }
}
