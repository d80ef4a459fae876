package io.mpaas.agent.process;

/**
 * One line of {@code /proc/<pid>/stat}, the fields the containerizer needs.
 *
 * @param pid the process
 * @param state one letter: R, S, D, Z (zombie: exited, not yet reaped), ...
 * @param processGroup the process group (field 5): a task's group is the task's own pid
 * @param userTicks user cpu time in clock ticks (field 14)
 * @param systemTicks system cpu time in clock ticks (field 15)
 * @param threads number of threads (field 20)
 * @param startTicks start time in clock ticks after boot (field 22): with the pid, it names a
 *     process uniquely until the next reboot, which is how a reused pid is told apart
 */
record ProcStat(long pid, char state, long processGroup, long userTicks, long systemTicks, int threads,
        long startTicks) {

    /**
     * Parses the line. The command name (field 2) is in parentheses and may itself contain
     * spaces and parentheses, so the fields are counted from the last closing parenthesis.
     */
    static ProcStat parse(long pid, String line) {
        String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state), so field n is f[n - 3].
        return new ProcStat(pid, f[0].charAt(0), Long.parseLong(f[2]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                Integer.parseInt(f[17]), Long.parseLong(f[19]));
    }

    boolean zombie() {
        return state == 'Z';
    }
}
