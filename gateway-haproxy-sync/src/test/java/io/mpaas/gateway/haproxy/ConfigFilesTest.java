package io.mpaas.gateway.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

    @TempDir
    Path dir;

    @Test
    void writeReplacesTheConfigAndKeepsFiveEarlierVersionsNewestFirst() throws IOException {
        ConfigFiles files = new ConfigFiles(dir.resolve("haproxy.cfg"), "haproxy", Duration.ofSeconds(5),
                Clock.systemUTC());

        for (int version = 1; version <= 7; version++) {
            files.write("# version " + version + "\n");
        }

        assertThat(files.read()).hasValue("# version 7\n");
        assertThat(files.archived()).hasSize(5);
        assertThat(Files.readString(dir.resolve("haproxy.cfg.1"))).isEqualTo("# version 6\n");
        assertThat(Files.readString(dir.resolve("haproxy.cfg.5"))).isEqualTo("# version 2\n");
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void theFirstWriteArchivesNothing() {
        ConfigFiles files = new ConfigFiles(dir.resolve("sub/haproxy.cfg"), "haproxy", Duration.ofSeconds(5),
                Clock.systemUTC());

        assertThat(files.read()).isEmpty();
        files.write("global\n");

        assertThat(files.read()).hasValue("global\n");
        assertThat(files.archived()).isEmpty();
    }

    @Test
    void aMissingBinaryIsAnInvalidResultNotAnException() {
        ConfigFiles files = new ConfigFiles(dir.resolve("haproxy.cfg"), dir.resolve("no-such-haproxy").toString(),
                Duration.ofSeconds(5), Clock.systemUTC());

        Validation validation = files.validate("global\n");

        assertThat(validation.valid()).isFalse();
        assertThat(validation.output()).contains("cannot run");
    }
}
