package io.mpaas.agent.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpaas.protocol.mesos.CommandInfo;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FetchedUriTest {

    private static FetchedUri of(String value) throws FetchFailure {
        return FetchedUri.of(new CommandInfo.Uri(value, null, null, null, null));
    }

    private static FetchedUri of(String value, String outputFile) throws FetchFailure {
        return FetchedUri.of(new CommandInfo.Uri(value, null, null, null, outputFile));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "http://repo.example.com/apps/app-1.2.tgz, app-1.2.tgz",
            "https://repo.example.com/a/b/tool, tool",
            "https://s3.example.com/bucket/app.tar.gz?X-Amz-Signature=abc&x=1, app.tar.gz",
            "http://repo.example.com/app.zip#fragment, app.zip",
            "http://repo.example.com/my%20app.tgz, my%20app.tgz",
            "file:///opt/artifacts/data.tar.xz, data.tar.xz",
            "file://localhost/opt/artifacts/run.sh, run.sh",
            "/opt/artifacts/plain.txt, plain.txt",
            "'   http://leading.example.com/blanks.txt', blanks.txt"})
    void theFileIsNamedAfterTheLastSegmentOfThePath(String value, String name) throws FetchFailure {
        assertThat(of(value).fileName()).isEqualTo(Path.of(name));
    }

    @Test
    void outputFileNamesTheFileAndMayNameSubdirectories() throws FetchFailure {
        assertThat(of("http://h/x/", "conf/app.yml").fileName()).isEqualTo(Path.of("conf/app.yml"));
        assertThat(of("http://h/x.tgz", "./lib//x.tgz").fileName()).isEqualTo(Path.of("lib/x.tgz"));
    }

    @ParameterizedTest(name = "output_file {0}")
    @CsvSource(delimiter = '|', value = {
            "../escape.txt | must stay inside the sandbox",
            "conf/../../escape | must stay inside the sandbox",
            "/etc/passwd | not an absolute path",
            ". | names no file"})
    void anOutputFileOutsideTheSandboxIsTheTasksFault(String outputFile, String problem) {
        assertThatThrownBy(() -> of("http://h/ok.txt", outputFile))
                .isInstanceOfSatisfying(FetchFailure.class, f -> assertThat(f.taskAtFault()).isTrue())
                .hasMessageStartingWith("Invalid URI 'http://h/ok.txt': output_file '" + outputFile + "'")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ftp://h/file.tgz | scheme 'ftp' is not supported by this agent",
            "hdfs://namenode/file.tgz | scheme 'hdfs' is not supported by this agent",
            "relative/app.tgz | a relative path would need Mesos's frameworks home",
            "file://relative/x | a file URI needs an absolute path",
            "http://h/ | the URI's path names no file; give output_file",
            "http://h | the URI's path names no file; give output_file",
            "http://h/a/.. | the URI's path names no file",
            "http:///nohost/x | the URI has no host",
            "http://h/a b.txt | not a valid URI",
            "http://h/it's.txt | illegal character in URI"})
    void urisThisAgentCannotServeAreTheTasksFaultAndNamed(String value, String problem) {
        assertThatThrownBy(() -> of(value))
                .isInstanceOfSatisfying(FetchFailure.class, f -> {
                    assertThat(f.taskAtFault()).isTrue();
                    assertThat(f.uri()).isEqualTo(value);
                })
                .hasMessageStartingWith("Invalid URI '" + value + "': ")
                .hasMessageContaining(problem);
    }

    @Test
    void anEmptyUriIsRefused() {
        assertThatThrownBy(() -> of("  ")).hasMessage("Invalid URI '': the URI is empty");
    }

    @Test
    void sourcesAreRemoteForHttpAndLocalForFilesAndAbsolutePaths() throws FetchFailure {
        assertThat(of("https://h:8443/a/b.tgz").source())
                .isEqualTo(new FetchedUri.Source.Remote(URI.create("https://h:8443/a/b.tgz")));
        assertThat(of("file:///srv/b.tgz").source()).isEqualTo(new FetchedUri.Source.Local(Path.of("/srv/b.tgz")));
        assertThat(of("file://localhost/srv/b.tgz").source())
                .isEqualTo(new FetchedUri.Source.Local(Path.of("/srv/b.tgz")));
        assertThat(of("/srv/b.tgz").source()).isEqualTo(new FetchedUri.Source.Local(Path.of("/srv/b.tgz")));
    }

    @Test
    void extractIsOnByDefaultAndExecutableFilesAreNeverUnpacked() throws FetchFailure {
        assertThat(of("http://h/app.tgz").archive()).contains(Archive.TAR_GZ);
        assertThat(FetchedUri.of(new CommandInfo.Uri("http://h/app.tgz", false, false, null, null)).archive())
                .isEmpty();
        FetchedUri executable = FetchedUri.of(new CommandInfo.Uri("http://h/app.tgz", true, true, null, null));
        assertThat(executable.executable()).isTrue();
        assertThat(executable.archive()).isEmpty();
        assertThat(of("http://h/readme.txt").archive()).isEmpty();
    }

    @Test
    void theArchiveIsRecognisedByTheNameInTheSandbox() throws FetchFailure {
        assertThat(of("http://h/download?id=7", "bundle.zip").archive()).contains(Archive.ZIP);
        assertThat(of("http://h/app.tgz", "app.bin").archive()).isEmpty();
    }

    @Test
    void onePlanChecksEveryUriBeforeAnythingIsFetched() {
        assertThatThrownBy(() -> FetchPlan.of(List.of(new CommandInfo.Uri("http://h/good.txt", null, null, null, null),
                new CommandInfo.Uri("http://h/bad.txt", null, null, null, "../x"))))
                .hasMessageStartingWith("Invalid URI 'http://h/bad.txt'");
    }
}
