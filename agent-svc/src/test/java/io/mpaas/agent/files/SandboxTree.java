package io.mpaas.agent.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An agent work directory with one sandbox, laid out as the agent lays it out, with fixed
 * permissions and modification times so that listings can be compared as text:
 * <pre>
 * work/slaves/S1/frameworks/F1/executors/E1/runs/C1/  stdout, stderr, sub/
 * work/meta/secret                                     (beside the sandbox tree, never served)
 * outside/passwd                                       (elsewhere on the machine)
 * </pre>
 */
final class SandboxTree {

    /** 2023-11-14T22:13:20Z */
    static final long MTIME = 1_700_000_000L;

    final Path workDir;
    final Path root;
    final Path sandbox;
    final Path outside;

    SandboxTree(Path temp) throws IOException {
        workDir = temp.resolve("work");
        root = workDir.resolve("slaves");
        sandbox = root.resolve("S1/frameworks/F1/executors/E1/runs/C1");
        outside = temp.resolve("outside");
        Files.createDirectories(sandbox.resolve("sub"));
        Files.createDirectories(outside);
        write("stdout", "hello\nworld\n");
        write("stderr", "oops\n");
        write(workDir.resolve("meta/secret"), "s3cret");
        write(outside.resolve("passwd"), "root:x:0:0");
        Files.setPosixFilePermissions(sandbox, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(sandbox.resolve("sub"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setLastModifiedTime(sandbox.resolve("sub"), FileTime.from(MTIME, java.util.concurrent.TimeUnit.SECONDS));
    }

    SandboxFiles files() {
        return new SandboxFiles(root);
    }

    /** Writes a sandbox file, rw-r--r--, modified at {@link #MTIME}. */
    Path write(String name, String content) throws IOException {
        return write(sandbox.resolve(name), content);
    }

    static Path write(Path file, String content) throws IOException {
        return write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setLastModifiedTime(file, FileTime.from(MTIME, java.util.concurrent.TimeUnit.SECONDS));
        return file;
    }

    /** The name of the user who owns the test's files (whoever runs the build). */
    String owner() throws IOException {
        return attributes(sandbox).owner().getName();
    }

    String group() throws IOException {
        return attributes(sandbox).group().getName();
    }

    /** A directory's size depends on the file system the build runs on. */
    long size(Path path) throws IOException {
        return attributes(path).size();
    }

    private static PosixFileAttributes attributes(Path path) throws IOException {
        return Files.readAttributes(path, PosixFileAttributes.class);
    }
}
