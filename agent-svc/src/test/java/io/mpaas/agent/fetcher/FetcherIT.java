package io.mpaas.agent.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mpaas.agent.container.LaunchFailure;
import io.mpaas.agent.task.LaunchPreparation;
import io.mpaas.protocol.mesos.CommandInfo;
import io.mpaas.protocol.mesos.TaskId;
import io.mpaas.protocol.mesos.TaskInfo;
import io.mpaas.protocol.mesos.TaskState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * The fetcher against a real HTTP server (the JDK's) and the machine's {@code tar}: archives
 * built here are served, fetched, unpacked and made executable in a temporary sandbox; a 404, a
 * server that stalls, one that never finishes, a KILL during a download and a malicious archive
 * each end the way an operator can read.
 */
class FetcherIT {

    @TempDir
    Path dir;

    private HttpServer server;
    private String base;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final CountDownLatch releaseStalled = new CountDownLatch(1);
    private final AtomicInteger stalledRequests = new AtomicInteger();
    private Path sandbox;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::serve);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        sandbox = Files.createDirectories(dir.resolve("sandbox"));
    }

    @AfterEach
    void stopServer() {
        releaseStalled.countDown();
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try (exchange) {
            if (path.equals("/redirect")) {
                exchange.getResponseHeaders().add("Location", "/files/plain.txt");
                exchange.sendResponseHeaders(302, -1);
            } else if (path.equals("/stalled.tgz")) {
                // Announces 1000 bytes, sends 10 and goes silent until the test ends.
                stalledRequests.incrementAndGet();
                exchange.sendResponseHeaders(200, 1000);
                OutputStream out = exchange.getResponseBody();
                out.write(new byte[10]);
                out.flush();
                releaseStalled.await(2, TimeUnit.MINUTES);
            } else if (files.containsKey(path)) {
                byte[] body = files.get(path);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Fetcher fetcher(Duration stallTimeout, Duration timeout) {
        return new Fetcher(new FetcherProperties(DataSize.ofMegabytes(10), stallTimeout, timeout),
                dir.resolve("cache"));
    }

    private static TaskInfo task(CommandInfo.Uri... uris) {
        return new TaskInfo("t", TaskId.of("t-1"), null, List.of(), null,
                new CommandInfo(List.of(uris), null, true, "true", null, null), null, null, null, null, null, null,
                null, null, null);
    }

    private static CommandInfo.Uri uri(String value) {
        return new CommandInfo.Uri(value, null, null, null, null);
    }

    private void serveFile(String path, Path file) throws IOException {
        files.put(path, Files.readAllBytes(file));
    }

    /** A tarball with an executable script and a data file, made with the machine's tar. */
    private Path tarball(String name, String compression) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src-" + name));
        Files.createDirectories(src.resolve("data"));
        Files.writeString(src.resolve("data/x.txt"), "from the tarball");
        Files.writeString(src.resolve("start.sh"), "#!/bin/sh\necho started\n");
        Files.setPosixFilePermissions(src.resolve("start.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path archive = dir.resolve(name);
        run("tar", "-c", compression, "-f", archive.toString(), "-C", src.toString(), ".");
        return archive;
    }

    /** A zip with Unix modes (a script) and without (a data file), made with the JDK's zip file system. */
    private Path zip() throws IOException {
        Path zip = dir.resolve("bundle.zip");
        Map<String, String> env = Map.of("create", "true", "enablePosixFileAttributes", "true");
        try (FileSystem fs = FileSystems.newFileSystem(zip, env)) {
            Files.createDirectories(fs.getPath("/zipped"));
            Files.writeString(fs.getPath("/zipped/y.txt"), "from the zip");
            Files.writeString(fs.getPath("/zipped/run.sh"), "#!/bin/sh\n");
            Files.setPosixFilePermissions(fs.getPath("/zipped/run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        }
        return zip;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }

    @Test
    void filesAndArchivesArriveInTheSandboxUnpackedAndExecutableAsAsked() throws Exception {
        files.put("/files/plain.txt", "plain".getBytes(StandardCharsets.UTF_8));
        files.put("/files/tool", "#!/bin/sh\necho tool\n".getBytes(StandardCharsets.UTF_8));
        serveFile("/files/app.tgz", tarball("app.tgz", "-z"));
        serveFile("/files/more.txz", tarball("more.txz", "-J"));
        serveFile("/files/bundle.zip", zip());
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("{\"gz\":true}".getBytes(StandardCharsets.UTF_8));
        }
        files.put("/files/settings.json.gz", gz.toByteArray());

        fetcher(Duration.ofSeconds(10), Duration.ofMinutes(1)).prepare(task(
                uri(base + "/files/plain.txt"),
                new CommandInfo.Uri(base + "/files/tool", true, null, null, null),
                uri(base + "/files/app.tgz"),
                new CommandInfo.Uri(base + "/files/more.txz", null, null, null, "renamed/more.txz"),
                uri(base + "/files/bundle.zip"),
                uri(base + "/files/settings.json.gz"),
                new CommandInfo.Uri(base + "/redirect", null, null, null, "redirected.txt"),
                new CommandInfo.Uri(base + "/files/app.tgz", null, false, null, "kept/app.tgz")),
                "root", sandbox).await();

        assertThat(sandbox.resolve("plain.txt")).hasContent("plain");
        assertThat(sandbox.resolve("tool")).isExecutable().hasContent("#!/bin/sh\necho tool");
        assertThat(sandbox.resolve("data/x.txt")).hasContent("from the tarball");
        assertThat(sandbox.resolve("start.sh")).isExecutable();
        assertThat(sandbox.resolve("app.tgz")).as("the archive stays, as in Mesos").exists();
        assertThat(sandbox.resolve("renamed/more.txz")).exists();
        assertThat(sandbox.resolve("zipped/y.txt")).hasContent("from the zip");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sandbox.resolve("zipped/run.sh"))))
                .isEqualTo("rwxr-x---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sandbox.resolve("zipped/y.txt"))))
                .isEqualTo("rw-r--r--");
        assertThat(sandbox.resolve("settings.json")).hasContent("{\"gz\":true}");
        assertThat(sandbox.resolve("redirected.txt")).hasContent("plain");
        assertThat(sandbox.resolve("kept/app.tgz")).exists();
        assertThat(sandbox.resolve("stdout")).content().contains("Fetched '" + base + "/files/app.tgz' and unpacked");
    }

    @Test
    void aMissingUriFailsNamingTheUriAndTheStatus() {
        Fetcher fetcher = fetcher(Duration.ofSeconds(10), Duration.ofMinutes(1));
        String missing = base + "/files/missing.tgz";
        assertThatThrownBy(() -> fetcher.prepare(task(uri(missing)), "root", sandbox).await())
                .isInstanceOfSatisfying(LaunchFailure.class,
                        f -> assertThat(f.state()).isEqualTo(TaskState.TASK_FAILED))
                .hasMessage("Failed to fetch '" + missing + "': HTTP 404 Not Found");
        assertThat(sandbox.resolve("stderr")).content().contains("Failed to fetch '" + missing + "': HTTP 404");
        assertThat(fetcher.statistics().taskFetchesFailed()).isEqualTo(1);
    }

    @Test
    void aServerThatStallsFailsAfterTheStallTimeout() {
        String stalled = base + "/stalled.tgz";
        assertThatThrownBy(() -> fetcher(Duration.ofMillis(300), Duration.ofMinutes(1))
                .prepare(task(uri(stalled)), "root", sandbox).await())
                .hasMessage("Failed to fetch '" + stalled + "': stalled: no data from 127.0.0.1:"
                        + server.getAddress().getPort() + " for PT0.3S (mesos.agent.fetcher.stall-timeout)");
    }

    @Test
    void aFetchThatNeverEndsFailsAtTheOverallTimeout() {
        String stalled = base + "/stalled.tgz";
        assertThatThrownBy(() -> fetcher(Duration.ofMinutes(1), Duration.ofMillis(300))
                .prepare(task(uri(stalled)), "root", sandbox).await())
                .hasMessage("Failed to fetch '" + stalled + "': not done within PT0.3S (mesos.agent.fetcher.timeout)");
        assertThat(sandbox.resolve("stderr")).content().contains("not done within PT0.3S");
    }

    @Test
    void aKillDuringTheDownloadStopsIt() throws Exception {
        Fetcher fetcher = fetcher(Duration.ofMinutes(1), Duration.ofMinutes(5));
        LaunchPreparation.Preparing preparing = fetcher.prepare(task(uri(base + "/stalled.tgz")), "root", sandbox);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stalledRequests.get() == 1);
        preparing.cancel();
        assertThatThrownBy(preparing::await).isInstanceOf(CancellationException.class);
        // The download thread itself gave up (well before the one-minute stall timeout).
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> fetcher.statistics().taskFetchesFailed() == 1);
        assertThat(sandbox.resolve("stderr")).content().contains("the task was killed");
    }

    @Test
    void tasksAskingForOneCachedUriAtOnceDownloadItOnce() throws Exception {
        serveFile("/files/app.tgz", tarball("app.tgz", "-z"));
        Fetcher fetcher = fetcher(Duration.ofSeconds(10), Duration.ofMinutes(1));
        CommandInfo.Uri cached = new CommandInfo.Uri(base + "/files/app.tgz", null, null, true, null);
        List<Path> sandboxes = List.of(dir.resolve("s1"), dir.resolve("s2"), dir.resolve("s3"));
        List<LaunchPreparation.Preparing> running = new java.util.ArrayList<>();
        for (Path s : sandboxes) {
            Files.createDirectories(s);
            running.add(fetcher.prepare(task(cached), "root", s));
        }
        for (LaunchPreparation.Preparing p : running) {
            p.await();
        }
        for (Path s : sandboxes) {
            assertThat(s.resolve("data/x.txt")).hasContent("from the tarball");
        }
        assertThat(hits.get("/files/app.tgz")).hasValue(1);
        assertThat(fetcher.statistics().taskFetchesSucceeded()).isEqualTo(3);
        assertThat(fetcher.statistics().cacheSizeUsedBytes()).isPositive();
    }

    @Test
    void anArchiveWithAnEntryOutsideTheSandboxIsRefused() throws Exception {
        Path inner = Files.createDirectories(dir.resolve("evil/inner"));
        Files.writeString(dir.resolve("evil/escaped.txt"), "gotcha");
        Path archive = dir.resolve("evil.tar");
        // -P keeps the '../' in the member name, as a hostile archive would have it.
        run("tar", "-c", "-P", "-f", archive.toString(), "-C", inner.toString(), "../escaped.txt");
        serveFile("/files/evil.tar", archive);
        String uri = base + "/files/evil.tar";
        assertThatThrownBy(() -> fetcher(Duration.ofSeconds(10), Duration.ofMinutes(1))
                .prepare(task(uri(uri)), "root", sandbox).await())
                .hasMessage("Failed to fetch '" + uri + "': cannot unpack evil.tar: the archive's entry "
                        + "'../escaped.txt' would land outside the sandbox");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void aCorruptArchiveFailsQuotingTar() {
        files.put("/files/broken.tgz", "not gzip at all".getBytes(StandardCharsets.UTF_8));
        String uri = base + "/files/broken.tgz";
        assertThatThrownBy(() -> fetcher(Duration.ofSeconds(10), Duration.ofMinutes(1))
                .prepare(task(uri(uri)), "root", sandbox).await())
                .hasMessageStartingWith("Failed to fetch '" + uri + "': cannot unpack broken.tgz: "
                        + "'tar -t' (list) exited with 2");
    }
}
