package io.mpaas.agent.fetcher;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks an archive into a sandbox, refusing any entry that would land outside it.
 *
 * <p>Tar archives go through the machine's {@code tar}, as Mesos's fetcher did before it moved to
 * libarchive (modes and links stay as users expect of their tarballs). Their entry names are
 * listed first, and an absolute name or a {@code ..} refuses the whole archive whichever
 * {@code tar} the machine has. Zip archives are read with the JDK's zip file system, which keeps
 * the Unix modes (scripts stay executable; entries made without modes get {@code rw-r--r--}) and
 * itself refuses {@code ..} names; modes lose group and world write as under a 022 umask, and a
 * symbolic link in a zip becomes a small file holding its target. Every file is written only
 * after checking that its real directory is inside the sandbox, so a link left by an earlier URI
 * cannot carry it out.
 */
final class ArchiveExtractor {

    /** Enough of tar's stderr to say what went wrong, not a whole listing. */
    private static final int MAX_ERROR_CHARS = 2000;

    /**
     * @param file the archive (in the sandbox or in the cache)
     * @param name the archive's name in the sandbox, which names a bare {@code .gz} once unpacked
     */
    void extract(Archive archive, Path file, String name, Path sandbox) throws IOException, InterruptedException {
        Path root = sandbox.toRealPath();
        if (archive.isTar()) {
            extractTar(archive, file, root);
        } else if (archive == Archive.ZIP) {
            extractZip(file, root);
        } else {
            gunzip(file, root.resolve(Archive.withoutGzEnding(name)), root);
        }
    }

    private void extractTar(Archive archive, Path file, Path root) throws IOException, InterruptedException {
        List<String> list = tarCommand(archive, "-t", file);
        for (String name : run(list, "list").lines().toList()) {
            if (escapes(name)) {
                throw new IOException("the archive's entry '" + name + "' would land outside the sandbox");
            }
        }
        List<String> extract = tarCommand(archive, "-x", file);
        extract.addAll(List.of("--no-same-owner", "-C", root.toString()));
        run(extract, "extract");
    }

    private static List<String> tarCommand(Archive archive, String mode, Path file) {
        List<String> command = new ArrayList<>(List.of("tar", mode));
        if (archive.tarCompression() != null) {
            command.add(archive.tarCompression());
        }
        command.addAll(List.of("-f", file.toString()));
        return command;
    }

    /** An entry name that is absolute or climbs with {@code ..}. */
    static boolean escapes(String name) {
        if (name.startsWith("/")) {
            return true;
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private void extractZip(Path file, Path root) throws IOException, InterruptedException {
        try (FileSystem zip = FileSystems.newFileSystem(file, Map.of("enablePosixFileAttributes", "true",
                "defaultPermissions", "rw-r--r--"));
                Stream<Path> walk = Files.walk(zip.getPath("/"))) {
            Path top = zip.getPath("/");
            for (Path entry : (Iterable<Path>) walk::iterator) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("fetch cancelled");
                }
                String name = top.relativize(entry).toString();
                if (name.isEmpty()) {
                    continue;
                }
                Path target = root.resolve(name).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException("the archive's entry '" + name + "' would land outside the sandbox");
                }
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(target);
                    insideSandbox(target, root, name);
                    continue;
                }
                Files.createDirectories(target.getParent());
                insideSandbox(target.getParent(), root, name);
                Files.copy(entry, target, StandardCopyOption.REPLACE_EXISTING);
                Set<PosixFilePermission> modes = EnumSet.noneOf(PosixFilePermission.class);
                modes.addAll(Files.getPosixFilePermissions(entry));
                modes.add(PosixFilePermission.OWNER_READ);
                modes.add(PosixFilePermission.OWNER_WRITE);
                modes.remove(PosixFilePermission.GROUP_WRITE);
                modes.remove(PosixFilePermission.OTHERS_WRITE);
                Files.setPosixFilePermissions(target, modes);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (java.util.zip.ZipException e) {
            throw new IOException("not a usable zip archive: " + e.getMessage(), e);
        }
    }

    private void gunzip(Path file, Path target, Path root) throws IOException {
        insideSandbox(target.getParent(), root, target.getFileName().toString());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A directory reached through a symbolic link that leads out of the sandbox refuses the entry. */
    private static void insideSandbox(Path directory, Path root, String name) throws IOException {
        if (!directory.toRealPath().startsWith(root)) {
            throw new IOException("the archive's entry '" + name
                    + "' would land outside the sandbox through a symbolic link");
        }
    }

    /** Runs a command; its stdout, or an IOException quoting its stderr. A cancelled fetch kills it. */
    private static String run(List<String> command, String what) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread out = Thread.ofVirtual().start(() -> drain(process.getInputStream(), stdout));
        Thread err = Thread.ofVirtual().start(() -> drain(process.getErrorStream(), stderr));
        try {
            int status = process.waitFor();
            out.join();
            err.join();
            if (status != 0) {
                String message = stderr.toString(StandardCharsets.UTF_8).strip();
                if (message.length() > MAX_ERROR_CHARS) {
                    message = "..." + message.substring(message.length() - MAX_ERROR_CHARS);
                }
                throw new IOException("'" + String.join(" ", command.subList(0, 2)) + "' (" + what + ") exited with "
                        + status + (message.isEmpty() ? "" : ": " + message));
            }
            return stdout.toString(StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream into) {
        try (in) {
            in.transferTo(into);
        } catch (IOException e) {
            // The process was killed; what was read is all there is.
        }
    }
}
