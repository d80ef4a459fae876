package io.mpaas.protocol.mesos;

import java.util.List;

/** An executor: DEFAULT (the built-in one that runs task groups) or CUSTOM. */
public record ExecutorInfo(
        Type type,
        ExecutorId executorId,
        FrameworkId frameworkId,
        CommandInfo command,
        ContainerInfo container,
        List<Resource> resources,
        String name,
        String source,
        String data,
        DiscoveryInfo discovery,
        DurationInfo shutdownGracePeriod,
        Labels labels) {

    public ExecutorInfo {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    public enum Type {
        UNKNOWN,
        DEFAULT,
        CUSTOM
    }
}
