package io.mpaas.agent.process;

import io.mpaas.protocol.mesos.ContainerId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON file per process container, {@code <stateDir>/<containerId>.json}: the agent's
 * memory of which sandboxes hold containers, surviving its restarts. Each write replaces the
 * file atomically, so a crash leaves the old or the new version, never half of one.
 */
final class ContainerIndex {

    private static final Logger log = LoggerFactory.getLogger(ContainerIndex.class);
    private static final String SUFFIX = ".json";

    private final Path dir;
    private final JsonMapper json = JsonMapper.builder().build();

    ContainerIndex(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the process containerizer's state directory " + dir, e);
        }
    }

    void write(ContainerRecord entry) throws IOException {
        Path file = file(entry.id());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, json.writeValueAsBytes(entry));
        } catch (JacksonException e) {
            throw new IOException("cannot serialise " + entry, e);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Optional<ContainerRecord> read(ContainerId id) {
        return read(file(id));
    }

    /** Every readable entry; an unreadable one is logged and left for an operator to look at. */
    List<ContainerRecord> all() {
        List<ContainerRecord> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                read(file).ifPresent(entries::add);
            }
        } catch (IOException e) {
            log.warn("Cannot list {}: {}", dir, e.toString());
        }
        return entries;
    }

    void delete(ContainerId id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            log.warn("Cannot delete the index entry of container {}: {}", id, e.toString());
        }
    }

    private Optional<ContainerRecord> read(Path file) {
        try {
            return Optional.of(json.readValue(Files.readAllBytes(file), ContainerRecord.class));
        } catch (IOException | JacksonException e) {
            if (Files.exists(file)) {
                log.warn("Ignoring unreadable process container entry {}: {}", file, e.toString());
            }
            return Optional.empty();
        }
    }

    private Path file(ContainerId id) {
        return dir.resolve(ContainerRecord.nameOf(id) + SUFFIX);
    }
}
