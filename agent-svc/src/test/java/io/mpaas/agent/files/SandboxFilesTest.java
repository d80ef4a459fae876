package io.mpaas.agent.files;

import io.mpaas.protocol.mesos.files.FileEntry;
import io.mpaas.protocol.mesos.files.FileChunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.mpaas.agent.files.SandboxFileError.Code;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link SandboxFiles} serves, what it refuses, and the reads of files that are being written. */
class SandboxFilesTest {

    @TempDir
    Path temp;

    private SandboxTree tree;
    private SandboxFiles files;
    private String sandbox;

    @BeforeEach
    void setUp() throws IOException {
        tree = new SandboxTree(temp);
        files = tree.files();
        sandbox = tree.sandbox.toString();
    }

    // --- browse ---

    @Test
    void browseListsASandboxSortedByNameWithMesossFields() throws IOException {
        String owner = tree.owner();
        String group = tree.group();
        assertThat(files.browse(sandbox)).containsExactly(
                new FileEntry(group, "-rw-r--r--", SandboxTree.MTIME, 1, sandbox + "/stderr", 5, owner),
                new FileEntry(group, "-rw-r--r--", SandboxTree.MTIME, 1, sandbox + "/stdout", 12, owner),
                new FileEntry(group, "drwxr-xr-x", SandboxTree.MTIME, 2, sandbox + "/sub",
                        tree.size(tree.sandbox.resolve("sub")), owner));
    }

    @Test
    void browseJoinsEntriesToThePathAsRequestedWithoutItsTrailingSlashes() {
        assertThat(files.browse(sandbox + "//")).extracting(FileEntry::path)
                .containsExactly(sandbox + "/stderr", sandbox + "/stdout", sandbox + "/sub");
        // Not normalised: the client finds its own path back in the listing, as with Mesos.
        String roundabout = sandbox + "/sub/..";
        assertThat(files.browse(roundabout)).extracting(FileEntry::path)
                .containsExactly(roundabout + "/stderr", roundabout + "/stdout", roundabout + "/sub");
    }

    @Test
    void browsingAFileOrAnEmptyDirectoryGivesAnEmptyListing() {
        assertThat(files.browse(sandbox + "/stdout")).isEmpty();
        assertThat(files.browse(sandbox + "/sub")).isEmpty();
    }

    @Test
    void theSandboxRootItselfCanBeBrowsed() {
        assertThat(files.browse(tree.root.toString())).extracting(FileEntry::path)
                .containsExactly(tree.root + "/S1");
    }

    @Test
    void browseDescribesLinksInsideThroughThemLinksOutAsLinksAndLeavesDanglingOnesOut() throws IOException {
        Path runs = tree.sandbox.getParent();
        Files.createSymbolicLink(runs.resolve("latest"), Path.of("C1"));
        Files.createSymbolicLink(tree.sandbox.resolve("etc"), tree.outside);
        Files.createSymbolicLink(tree.sandbox.resolve("gone"), tree.sandbox.resolve("nothing-here"));

        // The link is described as the directory it leads to.
        assertThat(files.browse(runs.toString())).extracting(FileEntry::path, FileEntry::mode)
                .containsExactly(tuple(runs + "/C1", "drwxr-xr-x"), tuple(runs + "/latest", "drwxr-xr-x"));
        List<FileEntry> listing = files.browse(sandbox);
        assertThat(listing).extracting(FileEntry::path, FileEntry::mode)
                .contains(tuple(sandbox + "/etc", "lrwxrwxrwx"));
        assertThat(listing).extracting(FileEntry::path).doesNotContain(sandbox + "/gone");
    }

    // --- read ---

    @Test
    void readGivesDataAtTheOffset() {
        assertThat(files.read(sandbox + "/stdout", 0, null)).isEqualTo(new FileChunk("hello\nworld\n", 0));
        assertThat(files.read(sandbox + "/stdout", 6, null)).isEqualTo(new FileChunk("world\n", 6));
        assertThat(files.read(sandbox + "/stdout", 6, 3L)).isEqualTo(new FileChunk("wor", 6));
        assertThat(files.read(sandbox + "/stdout", 0, -1L)).isEqualTo(new FileChunk("hello\nworld\n", 0));
    }

    @Test
    void offsetMinusOneAnswersTheSizeWithNoData() {
        assertThat(files.read(sandbox + "/stdout", -1, null)).isEqualTo(new FileChunk("", 12));
        assertThat(files.read(sandbox + "/stdout", -1, 5L)).isEqualTo(new FileChunk("", 12));
    }

    @Test
    void readingAtOrPastTheEndOrNothingGivesNoDataAtTheRequestedOffset() {
        assertThat(files.read(sandbox + "/stdout", 12, null)).isEqualTo(new FileChunk("", 12));
        assertThat(files.read(sandbox + "/stdout", 500, 10L)).isEqualTo(new FileChunk("", 500));
        assertThat(files.read(sandbox + "/stdout", 3, 0L)).isEqualTo(new FileChunk("", 3));
    }

    @Test
    void aReadIsCappedAtSixteenPages() throws IOException {
        byte[] big = new byte[SandboxFiles.MAX_READ_BYTES + 4464];
        Arrays.fill(big, (byte) 'x');
        SandboxTree.write(tree.sandbox.resolve("big"), big);

        assertThat(SandboxFiles.MAX_READ_BYTES).isEqualTo(65536);
        assertThat(files.read(sandbox + "/big", 0, null).data()).hasSize(65536);
        assertThat(files.read(sandbox + "/big", 0, 100_000L).data()).hasSize(65536);
        assertThat(files.read(sandbox + "/big", 65536, null)).isEqualTo(new FileChunk("x".repeat(4464), 65536));
    }

    @ParameterizedTest
    @CsvSource({"-2, , 'Negative offset provided: -2.\n'", "0, -2, 'Negative length provided: -2.\n'"})
    void negativeOffsetsAndLengthsOtherThanMinusOneAreRefused(long offset, Long length, String message) {
        assertRefused(() -> files.read(sandbox + "/stdout", offset, length), Code.BAD_REQUEST, message);
    }

    @Test
    void aDirectoryCannotBeReadNorDownloaded() {
        assertRefused(() -> files.read(sandbox, 0, null), Code.NOT_A_FILE, "Cannot read a directory.\n");
        assertRefused(() -> files.open(sandbox + "/sub"), Code.NOT_A_FILE, "Cannot download a directory.\n");
    }

    @Test
    void aPipeIsNotOpenedBecauseReadingItWouldBlock() throws Exception {
        Path fifo = tree.sandbox.resolve("pipe");
        int made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        assumeThat(made).as("mkfifo available").isZero();
        assertRefused(() -> files.read(fifo.toString(), 0, null), Code.NOT_A_FILE,
                "Cannot read 'pipe': not a regular file.\n");
        assertRefused(() -> files.open(fifo.toString()), Code.NOT_A_FILE,
                "Cannot download 'pipe': not a regular file.\n");
    }

    @Test
    void aMissingPathIsABadRequest() {
        String message = "Expecting 'path=value' in query.\n";
        assertRefused(() -> files.browse(null), Code.BAD_REQUEST, message);
        assertRefused(() -> files.read("", 0, null), Code.BAD_REQUEST, message);
        assertRefused(() -> files.open(null), Code.BAD_REQUEST, message);
    }

    // --- what is not served ---

    @Test
    void aPathThatIsNotThereIsNotFound() {
        assertRefused(() -> files.browse(sandbox + "/nope"), Code.NOT_FOUND, "");
        assertRefused(() -> files.read(sandbox + "/nope", 0, null), Code.NOT_FOUND, "");
        assertRefused(() -> files.read(sandbox + "/stdout/below", 0, null), Code.NOT_FOUND, "");
        assertRefused(() -> files.open(sandbox + "/nope"), Code.NOT_FOUND, "404 Not Found.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/../../../../../../../../meta/secret", // up into the agent's work directory
            "/../../../../../../../../../outside/../work/meta/secret",
            "/../../../../../../../../../outside/passwd",
            "/sub/../../../../../../../../../../outside/passwd",
    })
    void dotDotCannotLeaveTheSandboxTree(String suffix) {
        assertThat(Path.of(sandbox + suffix)).as("the target exists").isRegularFile();
        assertRefused(() -> files.read(sandbox + suffix, 0, null), Code.NOT_FOUND, "");
        assertRefused(() -> files.browse(sandbox + suffix), Code.NOT_FOUND, "");
        assertRefused(() -> files.open(sandbox + suffix), Code.NOT_FOUND, "404 Not Found.");
    }

    @Test
    void encodedDotsAreNotDecodedHereButAreNamesLikeAnyOther() throws IOException {
        // The web layer decodes the query once; what arrives here is taken literally.
        assertRefused(() -> files.read(sandbox + "/%2e%2e/%2e%2e/stdout", 0, null), Code.NOT_FOUND, "");
        SandboxTree.write(tree.sandbox.resolve("%2e%2e/stdout"), "literal");
        assertThat(files.read(sandbox + "/%2e%2e/stdout", 0, null)).isEqualTo(new FileChunk("literal", 0));
    }

    @Test
    void pathsOutsideTheTreeAreNotFoundEvenWhenTheyExist() throws IOException {
        Path sibling = SandboxTree.write(tree.workDir.resolve("slaves2/file"), "not a sandbox");
        for (String path : List.of(tree.workDir.toString(), tree.workDir + "/meta/secret", tree.outside + "/passwd",
                sibling.toString(), "/etc/hostname", "/", "slaves/S1", "relative/stdout", "st\0dout")) {
            assertRefused(() -> files.read(path, 0, null), Code.NOT_FOUND, "");
            assertRefused(() -> files.browse(path), Code.NOT_FOUND, "");
        }
    }

    @Test
    void symlinksThatLeadOutOfTheTreeAreNotFollowed() throws IOException {
        Files.createSymbolicLink(tree.sandbox.resolve("passwd"), tree.outside.resolve("passwd"));
        Files.createSymbolicLink(tree.sandbox.resolve("out"), tree.outside);
        Files.createSymbolicLink(tree.sandbox.resolve("meta"), Path.of("../../../../../../../../meta"));

        for (String path : List.of("/passwd", "/out", "/out/passwd", "/meta/secret", "/meta")) {
            assertThat(Path.of(sandbox + path)).as("the target exists").exists();
            assertRefused(() -> files.read(sandbox + path, 0, null), Code.NOT_FOUND, "");
            assertRefused(() -> files.browse(sandbox + path), Code.NOT_FOUND, "");
            assertRefused(() -> files.open(sandbox + path), Code.NOT_FOUND, "404 Not Found.");
        }
    }

    @Test
    void symlinksInsideTheTreeAreFollowed() throws IOException {
        Files.createSymbolicLink(tree.sandbox.getParent().resolve("latest"), Path.of("C1"));
        Files.createSymbolicLink(tree.sandbox.resolve("log"), tree.sandbox.resolve("stdout"));

        String latest = tree.sandbox.getParent() + "/latest";
        assertThat(files.read(latest + "/stdout", 0, null)).isEqualTo(new FileChunk("hello\nworld\n", 0));
        assertThat(files.read(sandbox + "/log", 6, null)).isEqualTo(new FileChunk("world\n", 6));
        assertThat(files.browse(latest)).extracting(FileEntry::path).contains(latest + "/stdout");
    }

    @Test
    void aRootThatIsItselfALinkServesUnderBothNames() throws IOException {
        Path alias = temp.resolve("alias-work");
        Files.createSymbolicLink(alias, tree.workDir);
        SandboxFiles viaAlias = new SandboxFiles(alias.resolve("slaves"));
        String relative = tree.root.relativize(tree.sandbox) + "/stdout";

        assertThat(viaAlias.read(alias.resolve("slaves").resolve(relative).toString(), 0, 5L))
                .isEqualTo(new FileChunk("hello", 0));
        assertThat(viaAlias.read(tree.root.resolve(relative).toString(), 0, 5L)).isEqualTo(new FileChunk("hello", 0));
        assertThat(viaAlias.attachments()).isEqualTo(Map.of(alias.resolve("slaves").toString(),
                tree.root.toRealPath().toString()));
    }

    @Test
    void beforeTheFirstSandboxNothingIsThereAndTheTreeIsServedOnceItIs() throws IOException {
        Path later = temp.resolve("later/slaves");
        SandboxFiles notYet = new SandboxFiles(later);
        assertRefused(() -> notYet.browse(later.toString()), Code.NOT_FOUND, "");
        assertThat(notYet.attachments()).isEmpty();

        SandboxTree.write(later.resolve("S9/stdout"), "up");
        assertThat(notYet.read(later + "/S9/stdout", 0, null)).isEqualTo(new FileChunk("up", 0));
    }

    // --- files being written ---

    @Test
    void aGrowingFileIsReadUpToItsEndAndThenFromThere() throws IOException {
        Path log = tree.sandbox.resolve("stdout");
        FileChunk end = files.read(log.toString(), -1, null);
        assertThat(end).isEqualTo(new FileChunk("", 12));

        Files.writeString(log, "more\n", StandardOpenOption.APPEND);
        assertThat(files.read(log.toString(), end.offset(), null)).isEqualTo(new FileChunk("more\n", 12));
        assertThat(files.read(log.toString(), end.offset(), 1000L)).isEqualTo(new FileChunk("more\n", 12));
        assertThat(files.read(log.toString(), -1, null)).isEqualTo(new FileChunk("", 17));
    }

    @Test
    void tailingAFileWhileItIsWrittenLosesAndRepeatsNothing() throws Exception {
        Path log = tree.sandbox.resolve("stderr");
        Files.writeString(log, "");
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = Thread.ofPlatform().start(() -> {
            try (OutputStream out = Files.newOutputStream(log, StandardOpenOption.APPEND)) {
                for (int line = 0; line < 3000; line++) {
                    out.write(("line " + line + " " + "x".repeat(line % 97) + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException | RuntimeException e) {
                writerFailure.set(e);
            }
        });

        StringBuilder seen = new StringBuilder();
        long offset = 0;
        boolean writerDone = false;
        for (int reads = 0; reads < 1_000_000; reads++) {
            writerDone = !writer.isAlive();
            FileChunk chunk = files.read(log.toString(), offset, null);
            assertThat(chunk.offset()).isEqualTo(offset);
            seen.append(chunk.data());
            offset += chunk.data().length(); // ASCII: one character per byte
            if (writerDone && chunk.data().isEmpty()) {
                break;
            }
        }
        writer.join();
        assertThat(writerFailure.get()).isNull();
        assertThat(writerDone).isTrue();
        assertThat(seen.toString()).isEqualTo(Files.readString(log));
    }

    @Test
    void aReadThatCutsAMultiByteCharacterGivesAReplacementCharacterInsteadOfFailing() throws IOException {
        // "é" is C3 A9 and "€" is E2 82 AC in UTF-8.
        SandboxTree.write(tree.sandbox.resolve("utf8"), "aé€b");
        String path = sandbox + "/utf8";

        assertThat(files.read(path, 0, null)).isEqualTo(new FileChunk("aé€b", 0));
        assertThat(files.read(path, 2, null)).isEqualTo(new FileChunk("\uFFFD€b", 2));
        assertThat(files.read(path, 0, 2L)).isEqualTo(new FileChunk("a\uFFFD", 0));
        assertThat(files.read(path, 4, 1L)).isEqualTo(new FileChunk("\uFFFD", 4));
    }

    @Test
    void bytesThatAreNotUtf8AreReplacedToo() throws IOException {
        SandboxTree.write(tree.sandbox.resolve("binary"), new byte[] {'o', 'k', (byte) 0xff, 0, '!'});
        assertThat(files.read(sandbox + "/binary", 0, null)).isEqualTo(new FileChunk("ok\uFFFD\0!", 0));
    }

    // --- download ---

    @Test
    void openSendsTheFileAsItWasWhenOpened() throws IOException {
        Path log = tree.sandbox.resolve("stdout");
        try (SandboxFile file = files.open(log.toString())) {
            Files.writeString(log, "later\n", StandardOpenOption.APPEND);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            file.transferTo(out);
            assertThat(file.name()).isEqualTo("stdout");
            assertThat(file.size()).isEqualTo(12);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello\nworld\n");
        }
    }

    // --- mode ---

    @ParameterizedTest
    @CsvSource({
            "0100644, -rw-r--r--",
            "0040755, drwxr-xr-x",
            "0120777, lrwxrwxrwx",
            "0010600, prw-------",
            "0020620, crw--w----",
            "0060660, brw-rw----",
            "0140755, srwxr-xr-x",
            "0104755, -rwxr-xr-x", // set-user-id is not shown, as in Mesos
            "0041777, drwxrwxrwx", // nor the sticky bit
    })
    void modeIsRenderedAsMesosRendersIt(String octal, String expected) {
        assertThat(SandboxFiles.modeString(Integer.parseInt(octal, 8))).isEqualTo(expected);
    }

    private static void assertRefused(Runnable call, Code code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SandboxFileError.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
