package io.mpaas.agent.process;

import io.mpaas.agent.container.LaunchFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Unix user a process task runs as: its {@code CommandInfo.user} (Marathon's {@code user}), when
 * the agent runs as root, as a Mesos agent with {@code --switch_user} does. The task's command is
 * started through util-linux {@code setpriv} with the user's ids and groups, after the wrapper (which
 * stays root to place the task in its cgroup) has opened its output files, and the sandbox is handed
 * to the user. An agent that does not run as root runs every task as itself; a user that does not
 * exist on the machine fails the launch.
 *
 * @param uid the user's id
 * @param gid the user's primary group
 */
record TaskUser(String name, int uid, int gid) {

    /**
     * @param agentIsRoot whether the agent's effective user is root
     * @return empty when the task runs as the agent's own user
     */
    static Optional<TaskUser> of(String user, boolean agentIsRoot) throws LaunchFailure, InterruptedException {
        if (user == null || user.isBlank() || !agentIsRoot || user.equals("root")) {
            return Optional.empty();
        }
        if (!user.matches("[A-Za-z0-9._][A-Za-z0-9._-]*")) {
            throw LaunchFailure.invalid("command.user '" + user + "' is not a user name");
        }
        Integer uid = id(user, "-u");
        Integer gid = id(user, "-g");
        if (uid == null || gid == null) {
            throw LaunchFailure.failed("Failed to run the task as user '" + user + "': no such user on this agent",
                    null);
        }
        return Optional.of(new TaskUser(user, uid, gid));
    }

    /** Whether this process runs as root (the owner of {@code /proc/self} is its effective user). */
    static boolean agentIsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code argv} started as this user through {@code setpriv}. */
    List<String> wrap(String setpriv, List<String> argv) {
        List<String> wrapped = new ArrayList<>(List.of(setpriv, "--reuid=" + uid, "--regid=" + gid,
                "--init-groups", "--"));
        wrapped.addAll(argv);
        return wrapped;
    }

    /** Hands the sandbox (and what was fetched into it) to the user, so that the task may write there. */
    void own(Path sandbox) throws IOException {
        try (Stream<Path> files = Files.walk(sandbox)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.setAttribute(file, "unix:uid", uid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(file, "unix:gid", gid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** {@code id -u name} or {@code id -g name}; null when the user is unknown. */
    private static Integer id(String user, String which) throws InterruptedException {
        try {
            Process id = new ProcessBuilder("id", which, user).redirectErrorStream(true).start();
            String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!id.waitFor(10, TimeUnit.SECONDS) || id.exitValue() != 0) {
                id.destroyForcibly();
                return null;
            }
            return Integer.parseInt(out);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
