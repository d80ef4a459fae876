package io.mpaas.gateway.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden file through the real HAProxy 2.6 ({@code haproxy -c -f}): the renderer's text must be a
 * configuration HAProxy accepts, without warnings. The certificates the SSL goldens name are made here
 * with {@code openssl} in {@link RenderCases#IT_FILES}; without openssl those cases are skipped (an
 * assumption, reported as skipped), the others still run.
 */
class RenderedConfigIT {

    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final Pattern CERT = Pattern.compile("crt (\\S+)");
    private static final Pattern STATE_FILE = Pattern.compile("server-state-file (\\S+)");
    private static boolean opensslWorks;

    @BeforeAll
    static void haproxyIsInstalled() {
        assumeTrue(Files.isExecutable(HAPROXY), "no HAProxy at " + HAPROXY);
        opensslWorks = run(List.of("openssl", "version"), 30).exitCode() == 0;
    }

    static Stream<String> goldens() throws IOException {
        try (Stream<Path> files = Files.list(RenderCases.GOLDEN_DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cfg")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void haproxyAcceptsTheGolden(String file) throws IOException {
        Path cfg = RenderCases.GOLDEN_DIR.resolve(file);
        String text = Files.readString(cfg, StandardCharsets.UTF_8);
        Matcher state = STATE_FILE.matcher(text);
        if (state.find()) {
            // An absent state file is only a warning, but this test allows none; "1" is the format version.
            Path stateFile = Path.of(state.group(1));
            Files.createDirectories(stateFile.getParent());
            Files.writeString(stateFile, "1\n");
        }
        Set<String> certs = certificates(text);
        if (!certs.isEmpty()) {
            assumeTrue(opensslWorks, "openssl is missing: the SSL golden " + file + " cannot get its certificates");
            for (String cert : certs) {
                ensureSelfSigned(Path.of(cert));
            }
        }
        Result r = run(List.of(HAPROXY.toString(), "-c", "-f", cfg.toString()), 60);
        assertThat(r.exitCode()).as("haproxy -c of %s:%n%s", file, r.output()).isZero();
        assertThat(r.output()).contains("Configuration file is valid").doesNotContain("[WARNING]")
                .doesNotContain("[ALERT]");
    }

    @Test
    void haproxyRefusesABrokenOverrideThatStillRendered(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("HAPROXY_BACKEND_HEAD.tmpl"), "\nbackend ${name}\n  balance ${balance}\n  mode ${mode}\n  no-such-directive 42\n");
        RenderCases.Case c = RenderCases.all().get("tcp-port");
        RenderSettings settings = RenderCases.settings(dir, 0, 0, null, 0, null, java.time.Duration.ofMinutes(2), null);
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, new HaproxyConfigRenderer(settings).render(c.table(), c.slots()));

        Result r = run(List.of(HAPROXY.toString(), "-c", "-f", cfg.toString()), 60);

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("no-such-directive");
    }

    private static Set<String> certificates(String cfg) {
        Set<String> certs = new LinkedHashSet<>();
        Matcher m = CERT.matcher(cfg);
        while (m.find()) {
            certs.add(m.group(1));
        }
        return certs;
    }

    /** A self-signed certificate and its key in one PEM, as HAProxy's {@code crt} wants, made once. */
    private static void ensureSelfSigned(Path pem) throws IOException {
        if (Files.isRegularFile(pem) && Files.size(pem) > 0) {
            return;
        }
        Files.createDirectories(pem.getParent());
        Path key = Files.createTempFile(pem.getParent(), "key", ".pem");
        Path crt = Files.createTempFile(pem.getParent(), "crt", ".pem");
        Result r = run(List.of("openssl", "req", "-x509", "-nodes", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-keyout", key.toString(), "-out", crt.toString(), "-days", "3650",
                "-subj", "/CN=" + pem.getFileName()), 60);
        assertThat(r.exitCode()).as("openssl: %s", r.output()).isZero();
        Path tmp = Files.createTempFile(pem.getParent(), "pem", ".tmp");
        Files.writeString(tmp, Files.readString(crt) + Files.readString(key));
        // Renamed into place so a concurrent run never reads half a PEM.
        Files.move(tmp, pem, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(key);
        Files.delete(crt);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + new String(out, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
