package io.mpaas.agent.process;

import io.mpaas.protocol.mesos.ContainerId;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the agent remembers of one process container in its state directory, so that after a
 * restart it can find the sandbox (and with it the wrapper's markers) from nothing but the
 * container id. Written before the wrapper starts (pids null) and again once the wrapper has
 * reported them.
 *
 * @param bootId the boot the pids belong to; after a reboot they name nothing of ours
 * @param cgroupV1Memory the task's v1 memory cgroup directory, or null (likewise the next two)
 * @param cgroupV2 the task's v2 cgroup directory, or null
 * @param pids null until the wrapper reported them
 */
record ContainerRecord(String containerId, String sandbox, String bootId, double cpus, double memMegabytes,
        String cgroupV1Memory, String cgroupV1Cpu, String cgroupV1Cpuacct, String cgroupV2, TaskPids pids) {

    ContainerRecord {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(sandbox, "sandbox");
    }

    static ContainerRecord of(ContainerId id, Path sandbox, String bootId, double cpus, double memMegabytes,
            TaskCgroup cgroup) {
        return switch (cgroup) {
            case null -> new ContainerRecord(id.value(), sandbox.toString(), bootId, cpus, memMegabytes, null, null,
                    null, null, null);
            case CgroupV1 v1 -> new ContainerRecord(id.value(), sandbox.toString(), bootId, cpus, memMegabytes,
                    text(v1.memory()), text(v1.cpu()), text(v1.cpuacct()), null, null);
            case CgroupV2 v2 -> new ContainerRecord(id.value(), sandbox.toString(), bootId, cpus, memMegabytes, null,
                    null, null, v2.dir().toString(), null);
        };
    }

    /**
     * A container id as a file and cgroup name: ids come from the agent (UUIDs), but a name
     * with '/' or a leading '.' must not reach outside its directory whatever the id is.
     */
    static String nameOf(ContainerId id) {
        String safe = id.value().replaceAll("[^A-Za-z0-9_.-]", "_");
        return safe.startsWith(".") ? "_" + safe : safe;
    }

    ContainerId id() {
        return ContainerId.of(containerId);
    }

    SandboxMarkers markers() {
        return SandboxMarkers.in(Path.of(sandbox));
    }

    Optional<TaskCgroup> cgroup() {
        if (cgroupV2 != null) {
            return Optional.of(new CgroupV2(Path.of(cgroupV2)));
        }
        if (cgroupV1Memory == null && cgroupV1Cpu == null && cgroupV1Cpuacct == null) {
            return Optional.empty();
        }
        return Optional.of(new CgroupV1(path(cgroupV1Memory), path(cgroupV1Cpu), path(cgroupV1Cpuacct)));
    }

    ContainerRecord withPids(TaskPids reported) {
        return new ContainerRecord(containerId, sandbox, bootId, cpus, memMegabytes, cgroupV1Memory, cgroupV1Cpu,
                cgroupV1Cpuacct, cgroupV2, reported);
    }

    private static String text(Path path) {
        return path == null ? null : path.toString();
    }

    private static Path path(String text) {
        return text == null ? null : Path.of(text);
    }
}
