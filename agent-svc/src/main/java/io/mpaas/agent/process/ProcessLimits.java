package io.mpaas.agent.process;

/**
 * What the process containerizer enforces on this machine, for the docs and {@code /state}:
 * without a writable cgroup hierarchy a process task can use more memory and cpu than it was
 * offered, and operators must know that before they rely on the numbers.
 *
 * @param memory each task's memory is limited to its {@code mem} resource (the kernel OOM-kills it beyond)
 * @param cpu each task gets cpu shares (cgroup v2: weight) in proportion to its {@code cpus} resource
 * @param reason how this was decided: the hierarchy used, or why there is none
 */
public record ProcessLimits(boolean memory, boolean cpu, String reason) {

    public ProcessLimits {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required");
        }
    }

    static ProcessLimits none(String reason) {
        return new ProcessLimits(false, false, reason);
    }
}
