package io.mpaas.agent.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "app.tar, TAR",
            "app.tar.gz, TAR_GZ",
            "app.tgz, TAR_GZ",
            "APP.TGZ, TAR_GZ",
            "app.tar.bz2, TAR_BZ2",
            "app.tbz2, TAR_BZ2",
            "app.tar.xz, TAR_XZ",
            "app.txz, TAR_XZ",
            "app.zip, ZIP",
            "data.json.gz, GZIP"})
    void archivesAreRecognisedByTheirEnding(String name, Archive archive) {
        assertThat(Archive.of(name)).contains(archive);
    }

    @ParameterizedTest
    @ValueSource(strings = {"app.jar", "run.sh", "tarball", "app.tar.gz.sig", ".tgz", "zip"})
    void otherFilesAreNotArchives(String name) {
        assertThat(Archive.of(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../x", "a/../../x", "a/..", ".."})
    void absoluteAndClimbingEntryNamesEscape(String name) {
        assertThat(ArchiveExtractor.escapes(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b/c.txt", "./a", "a..b/c", "dir/"})
    void ordinaryEntryNamesStayInside(String name) {
        assertThat(ArchiveExtractor.escapes(name)).isFalse();
    }
}
