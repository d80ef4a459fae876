package io.mpaas.gateway.haproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HAProxy config file: checked with {@code haproxy -c} before it is used, replaced atomically so that a
 * reload (ours or an operator's) never reads half a file, and its last versions kept as {@code <config>.1}
 * (newest) to {@code <config>.5} so an operator can see what changed.
 */
public final class ConfigFiles {

    /** How many earlier versions are kept next to the config. */
    public static final int ARCHIVED_VERSIONS = 5;

    private final Path configPath;
    private final String binary;
    private final Duration validateTimeout;
    private final Clock clock;

    public ConfigFiles(Path configPath, String binary, Duration validateTimeout, Clock clock) {
        this.configPath = configPath.toAbsolutePath();
        this.binary = binary;
        this.validateTimeout = validateTimeout;
        this.clock = clock;
    }

    public ConfigFiles(HaproxySettings settings, Clock clock) {
        this(settings.configPath(), settings.binary(), settings.validateTimeout(), clock);
    }

    public Path path() {
        return configPath;
    }

    /**
     * Runs {@code haproxy -c -f <temp>} on {@code configText}. The temp file sits next to the config, so relative
     * paths in the config (error files, maps) resolve as they will for the real one. Never throws for a bad
     * config: the answer says why.
     */
    public Validation validate(String configText) {
        Instant start = clock.instant();
        Path temp = null;
        try {
            Files.createDirectories(configPath.getParent());
            temp = Files.createTempFile(configPath.getParent(), ".validate-", ".cfg");
            Files.writeString(temp, configText, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(binary, "-c", "-f", temp.toString())
                    .directory(configPath.getParent().toFile())
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            // Read in parallel: a config with many warnings could fill the pipe and block haproxy.
            CompletableFuture<String> output = readAll(process.getInputStream());
            boolean exited = process.waitFor(validateTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(1, TimeUnit.SECONDS);
                return new Validation(false, -1, "haproxy -c did not finish within " + validateTimeout + "\n"
                        + output.getNow(""), Duration.between(start, clock.instant()));
            }
            String text = output.get(1, TimeUnit.SECONDS);
            int exit = process.exitValue();
            return new Validation(exit == 0, exit, text, Duration.between(start, clock.instant()));
        } catch (IOException e) {
            return new Validation(false, -1, "cannot run " + binary + " -c: " + e.getMessage(),
                    Duration.between(start, clock.instant()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Validation(false, -1, "interrupted", Duration.between(start, clock.instant()));
        } catch (ExecutionException | TimeoutException e) {
            return new Validation(false, -1, "cannot read haproxy -c output: " + e,
                    Duration.between(start, clock.instant()));
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Replaces the config with {@code configText}: the current file becomes {@code .1} (older ones move up, the
     * sixth is dropped), then the new text is written to a temp file in the same directory and renamed over
     * the config in one step. Does not validate: call {@link #validate(String)} first.
     */
    public void write(String configText) {
        try {
            Files.createDirectories(configPath.getParent());
            archiveCurrent();
            Path temp = Files.createTempFile(configPath.getParent(), ".write-", ".cfg");
            try {
                Files.writeString(temp, configText, StandardCharsets.UTF_8);
                Files.move(temp, configPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                deleteQuietly(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + configPath, e);
        }
    }

    /** The config currently on disk, if there is one. */
    public Optional<String> read() {
        try {
            return Optional.of(Files.readString(configPath, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + configPath, e);
        }
    }

    /** The archived versions that exist, newest first ({@code .1} before {@code .2}). */
    public List<Path> archived() {
        return java.util.stream.IntStream.rangeClosed(1, ARCHIVED_VERSIONS).mapToObj(this::archive)
                .filter(Files::exists).toList();
    }

    private void archiveCurrent() throws IOException {
        if (!Files.exists(configPath)) {
            return;
        }
        Files.deleteIfExists(archive(ARCHIVED_VERSIONS));
        for (int i = ARCHIVED_VERSIONS - 1; i >= 1; i--) {
            if (Files.exists(archive(i))) {
                Files.move(archive(i), archive(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // Copy, not move: the config must exist at every moment, HAProxy may be restarted from it any time.
        Files.copy(configPath, archive(1), StandardCopyOption.REPLACE_EXISTING);
    }

    private Path archive(int version) {
        return configPath.resolveSibling(configPath.getFileName() + "." + version);
    }

    private static CompletableFuture<String> readAll(InputStream in) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofVirtual().name("haproxy-validate-output").start(() -> {
            try (in) {
                result.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a leftover dot-file in the run directory is harmless
            }
        }
    }
}
