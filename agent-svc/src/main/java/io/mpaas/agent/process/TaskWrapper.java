package io.mpaas.agent.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code /bin/sh} wrapper every process task runs under, and the tools it needs.
 *
 * <p>Why a wrapper: only a process's parent learns its exit status, and the agent must not be
 * that parent, or an agent restart would lose the status of every task that ended meanwhile
 * (and, under systemd or a terminal, might take the tasks down with it). The wrapper, in a
 * session of its own, becomes the parent instead: it joins the task's cgroups, starts the
 * task in a further session (so that the task's process group can be signalled as one
 * without hitting the wrapper), writes the pids with their start times, forwards a TERM it
 * receives to that group, and writes the exit status into the sandbox when the task ends
 * ({@code exit.tmp}, then {@code mv}, so a reader never sees half a number), exiting with the
 * same status.
 *
 * <p>The tools are located once on the agent's PATH and passed as absolute paths, because the
 * wrapper runs with the task's environment, whose PATH may not have them. The script itself is
 * a file in the agent's state directory, so that {@code ps} shows {@code /bin/sh
 * .../mpaas-wrapper.sh} rather than the whole script; it is replaced by rename, which running
 * wrappers (reading the old file) do not notice.
 *
 * @param script the installed script
 * @param setsid util-linux {@code setsid}, or null when the agent's PATH has none
 * @param mv {@code mv}, or null when the agent's PATH has none
 * @param env a GNU {@code env} that understands {@code --default-signal}, or null: a shell's
 *     background job starts with SIGINT and SIGQUIT ignored, and this restores them for the
 *     task (Mesos leaves them at their defaults)
 */
record TaskWrapper(Path script, String setsid, String mv, String env) {

    /** The script's file name. */
    static final String FILE_NAME = "mpaas-wrapper.sh";

    /** The wrapper. Arguments: SETSID MV DIR PWD [CGROUP_PROCS...] -- ARGV... */
    static final String SCRIPT = """
            # mpaas task wrapper: see io.mpaas.agent.process.TaskWrapper.
            setsid=$1 mv=$2 dir=$3 pwd=$4
            shift 4
            # 1. Join the task's cgroups first: the task then starts inside them.
            while [ "$1" != -- ]; do
              echo $$ > "$1" || { echo "mpaas-wrapper: cannot join cgroup $1" >&2; exit 125; }
              shift
            done
            shift
            # Field 22 of /proc/PID/stat: the start time that tells a reused pid apart.
            started() { start=0; read -r s < "/proc/$1/stat" && s=${s##*) } && set -- $s && shift 19 && start=$1; }
            # dash exports a PWD of its own; the task gets the one of its environment, or none.
            if [ -n "$pwd" ]; then PWD=$pwd; export PWD; else unset PWD; fi
            # 2. The task, in a session and process group of its own.
            "$setsid" "$@" >> stdout &
            child=$!
            started $$; pids="$$ $start"
            started $child; pids="$pids $child $start"
            { echo "$pids" > "$dir/pids.tmp" && "$mv" -f "$dir/pids.tmp" "$dir/pids"; } \\
              || { kill -KILL -"$child"; exit 125; }
            # 3. A TERM for the wrapper is meant for the task.
            trap 'kill -TERM -"$child" 2>/dev/null' TERM
            # 4. Tell the agent the pids, then let go of its pipe: the agent may restart from now on.
            echo "$pids"
            exec > /dev/null
            # 5. Wait (a trap interrupts wait while the task still runs), record the status, exit with it.
            while :; do
              wait "$child"; status=$?
              kill -0 "$child" 2>/dev/null || break
            done
            #    The shell may have reaped the task while the trap interrupted wait: its status is then
            #    still in the job table, and one more wait returns it (127 if there is none).
            if [ "$status" -gt 128 ]; then
              wait "$child" 2>/dev/null; again=$?
              [ "$again" -ne 127 ] && status=$again
            fi
            echo "$status" > "$dir/exit.tmp" && "$mv" -f "$dir/exit.tmp" "$dir/exit"
            exit "$status"
            """;

    /** Finds the tools on {@code path} (the agent's PATH); the script is to live in {@code dir}. */
    static TaskWrapper locate(String path, Path dir) {
        String env = find("env", path);
        return new TaskWrapper(dir.resolve(FILE_NAME), find("setsid", path), find("mv", path),
                env != null && understandsDefaultSignal(env) ? env : null);
    }

    /** Whether the wrapper can run at all; otherwise launches fail and say why. */
    boolean usable() {
        return setsid != null && mv != null;
    }

    /**
     * Writes the script unless it is there with this content (an operator may have cleaned the
     * directory). One at a time: launches run concurrently and share the temporary file.
     */
    synchronized void install() throws IOException {
        if (Files.exists(script) && Files.readString(script).equals(SCRIPT)) {
            return;
        }
        Path tmp = script.resolveSibling(FILE_NAME + ".tmp");
        Files.writeString(tmp, SCRIPT);
        Files.move(tmp, script, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The command line of the agent's child: {@code setsid} (so the wrapper has a session of
     * its own and outlives the agent), then the wrapper with its arguments, then the task's argv.
     *
     * @param markers the hidden directory of the sandbox where the wrapper writes
     * @param pwd the PWD of the task's environment, or null
     */
    List<String> command(Path markers, String pwd, List<Path> cgroupProcs, List<String> argv) {
        List<String> command = new ArrayList<>(List.of(setsid, "/bin/sh", script.toString(), setsid, mv,
                markers.toString(), pwd == null ? "" : pwd));
        cgroupProcs.forEach(p -> command.add(p.toString()));
        command.add("--");
        // env would take a program name with '=' for a variable assignment.
        if (env != null && !argv.getFirst().contains("=")) {
            command.addAll(List.of(env, "--default-signal=INT,QUIT"));
        }
        command.addAll(argv);
        return command;
    }

    static String find(String name, String path) {
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        return null;
    }

    private static boolean understandsDefaultSignal(String env) {
        try {
            Process probe = new ProcessBuilder(env, "--default-signal=INT,QUIT", "--version")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return probe.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
