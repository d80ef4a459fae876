package io.mpaas.agent.container;

import io.mpaas.protocol.mesos.ContainerId;
import java.util.Set;

/**
 * Runs task containers of one kind. The agent picks the containerizer for a task
 * ({@link ContainerKind#of}), launches through it, and from then on talks only to the
 * returned {@link ContainerHandle}. Every method blocks (callers are on virtual threads).
 *
 * <p>Contract shared by all kinds: the task's stdout and stderr end up in the files
 * {@code stdout} and {@code stderr} of its sandbox directory (so that {@code /files/read}
 * shows them and a failure message can quote the last lines of stderr), and a container
 * is recognisable after an agent restart from nothing but its {@link ContainerId} and what
 * the containerizer itself left on the machine (names, labels, pid files in the sandbox).
 */
public interface Containerizer {

    ContainerKind kind();

    /** Whether tasks of this kind can run now (for Docker: the engine answers). */
    boolean available();

    /**
     * Prepares and starts the container (pulling the image if needed) and returns once it
     * runs. A task that cannot be started at all ends here with a {@link LaunchFailure}
     * that says why; nothing of it may be left running.
     */
    default ContainerHandle launch(LaunchSpec spec) throws LaunchFailure, InterruptedException {
        return launch(spec, StartGate.OPEN);
    }

    /**
     * {@link #launch(LaunchSpec)}, waiting for {@code gate} right before the task's own code first runs;
     * when the gate fails, what was prepared is removed and its failure thrown.
     */
    ContainerHandle launch(LaunchSpec spec, StartGate gate) throws LaunchFailure, InterruptedException;

    /**
     * After an agent restart: finds the containers of {@code known} that still exist
     * (running, or exited while the agent was away, with their exit status), and kills the
     * containers this agent created that are not in {@code known} (orphans).
     */
    Recovery recover(Set<ContainerId> known) throws InterruptedException;

    /**
     * Removes what is left of an exited container (for Docker {@code docker rm -v}); the
     * sandbox directory is not touched. Unknown or already removed ids are ignored.
     */
    void remove(ContainerId id);
}
