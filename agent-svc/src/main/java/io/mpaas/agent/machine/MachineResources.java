package io.mpaas.agent.machine;

import io.mpaas.protocol.mesos.Attribute;
import io.mpaas.protocol.mesos.Ranges;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The resources and attributes an agent offers: detected from the machine (CPUs, memory, the
 * disk of the work directory, ports 31000-32000) and overridden per name by configuration, as
 * Mesos's {@code --resources} does. Memory and disk keep headroom for the system, as Mesos
 * does: 1 GB of memory (half of it below 2 GB) and 5 GB of disk (half of it below 10 GB).
 */
public record MachineResources(Resources resources, List<Attribute> attributes) {

    static final long MB = 1024L * 1024;
    static final Ranges DEFAULT_PORTS = Ranges.of(31000, 32000);

    public MachineResources {
        attributes = List.copyOf(attributes);
    }

    /** Detected from this machine, then overridden by {@code properties}. */
    public static MachineResources detect(MachineProperties properties, Path workDir) {
        long memoryBytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        long diskBytes;
        try {
            Files.createDirectories(workDir);
            diskBytes = Files.getFileStore(workDir).getTotalSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the disk size of the work directory " + workDir, e);
        }
        return of(Runtime.getRuntime().availableProcessors(), memoryBytes, diskBytes, properties);
    }

    /**
     * The machine's resources with the overrides applied.
     *
     * @throws IllegalArgumentException naming the bad entry of the notation
     */
    static MachineResources of(int cpus, long memoryBytes, long diskBytes, MachineProperties properties) {
        Resources overrides = Resources.parse(properties == null ? null : properties.resources());
        Set<String> overridden = new LinkedHashSet<>();
        overrides.toList().forEach(r -> overridden.add(r.name()));
        List<Resource> detected = new ArrayList<>();
        long memMb = memoryBytes / MB;
        long diskMb = diskBytes / MB;
        add(detected, overridden, Resource.scalar("cpus", cpus));
        add(detected, overridden, Resource.scalar("mem", memMb >= 2048 ? memMb - 1024 : memMb / 2));
        add(detected, overridden, Resource.scalar("disk", diskMb >= 10240 ? diskMb - 5120 : diskMb / 2));
        add(detected, overridden, Resource.ranges("ports", DEFAULT_PORTS));
        Resources total = Resources.of(detected).plus(overrides);
        String attributes = properties == null ? null : properties.attributes();
        return new MachineResources(total, attributes == null || attributes.isBlank() ? List.of()
                : Attribute.parseAll(attributes));
    }

    private static void add(List<Resource> detected, Set<String> overridden, Resource resource) {
        if (!overridden.contains(resource.name())) {
            detected.add(resource);
        }
    }
}
