package io.mpaas.marathon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the PostgreSQL backends serving some databases, between construction and
 * {@link #seconds()}: the server shares the machine's cores with the services under test. A backend
 * shows its database in its process title; one that ended in between is not counted.
 */
final class DatabaseCpu {

    private final List<String> databases;
    private final Map<Long, Duration> start;

    DatabaseCpu(List<String> databases) {
        this.databases = List.copyOf(databases);
        this.start = backends();
    }

    double seconds() {
        Duration total = Duration.ZERO;
        for (Map.Entry<Long, Duration> backend : backends().entrySet()) {
            total = total.plus(backend.getValue().minus(start.getOrDefault(backend.getKey(), Duration.ZERO)));
        }
        return total.toMillis() / 1000.0;
    }

    private Map<Long, Duration> backends() {
        Map<Long, Duration> result = new HashMap<>();
        ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("").endsWith("/postgres")).forEach(p -> {
            String title = title(p.pid());
            if (title.startsWith("postgres:") && databases.stream().anyMatch(title::contains)) {
                p.info().totalCpuDuration().ifPresent(cpu -> result.put(p.pid(), cpu));
            }
        });
        return result;
    }

    /** The process title PostgreSQL sets (the JDK reports the original command line instead). */
    private static String title(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
