package io.mpaas.agent.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The hidden directory {@code <sandbox>/.container} where the wrapper leaves what outlives
 * the agent: {@code pids} (see {@link TaskPids}), {@code exit} (the task's exit status, in
 * the shell's form: 128 + N after signal N), and {@code killed}, which the agent writes when
 * it kills the task, so that a restarted agent still reports the exit as a kill.
 */
record SandboxMarkers(Path dir) {

    static SandboxMarkers in(Path sandbox) {
        return new SandboxMarkers(sandbox.resolve(".container"));
    }

    void create() throws IOException {
        Files.createDirectories(dir);
    }

    Optional<TaskPids> pids() {
        return read("pids").flatMap(line -> {
            try {
                return Optional.of(TaskPids.parse(line));
            } catch (IllegalArgumentException garbled) {
                return Optional.empty();
            }
        });
    }

    Optional<Integer> exitStatus() {
        return read("exit").flatMap(s -> {
            try {
                return Optional.of(Integer.parseInt(s));
            } catch (NumberFormatException garbled) {
                return Optional.empty();
            }
        });
    }

    /** When the wrapper wrote the exit status: for an exit that happened while the agent was away. */
    Optional<Instant> exitTime() {
        try {
            return Optional.of(Files.getLastModifiedTime(dir.resolve("exit")).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void markKilled() {
        try {
            Files.writeString(dir.resolve("killed"), "");
        } catch (IOException e) {
            // The sandbox is gone: then so is anything that could be reported after a restart.
        }
    }

    boolean killed() {
        return Files.exists(dir.resolve("killed"));
    }

    private Optional<String> read(String name) {
        try {
            return Optional.of(Files.readString(dir.resolve(name)).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
