package io.mpaas.agent.files;

import io.mpaas.protocol.mesos.files.FileEntry;
import io.mpaas.protocol.mesos.files.FileChunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Browses, reads and opens the files of task sandboxes: everything under one root directory, the
 * agent's {@code <work-dir>/slaves}. Paths are absolute host paths, as the agent's {@code /state}
 * reports an executor's {@code directory}.
 *
 * <p>Confinement: a path is served only if its real path (every symlink resolved, {@code ..}
 * applied after resolution, as {@code realpath(3)} does) is the root's real path or inside it. So
 * a {@code latest -> <container-id>} link inside a sandbox works, a link a task points at
 * {@code /etc} does not, and neither does {@code ..}. Anything outside is NOT_FOUND, not
 * forbidden, so that requests cannot probe what exists elsewhere. The check and the open are two
 * steps: a task that swaps a directory of its own sandbox for a symlink between them could win
 * that race; the final component is opened without following links, which closes the common case.
 *
 * <p>Nothing here is cached; the root may appear after the agent starts (before the first task
 * it does not exist, and every path is NOT_FOUND).
 */
public final class SandboxFiles {

    /**
     * The most one read returns. Mesos caps a read at 16 memory pages so that a tailer's request
     * stays small; that is 64 KiB with the 4 KiB pages of x86-64, and we keep 64 KiB everywhere.
     */
    public static final int MAX_READ_BYTES = 16 * 4096;

    private static final String ATTRIBUTES = "unix:mode,nlink,size,lastModifiedTime,owner,group";
    private static final LinkOption[] FOLLOW = {};
    /** Mesos answers a missing file with an empty body, except download: libprocess's default. */
    private static final String DOWNLOAD_NOT_FOUND = "404 Not Found.";
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path root;

    /** @param root the directory whose files may be served; need not exist yet */
    public SandboxFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * What Mesos's {@code /files/debug} shows: the attached path and the real path it stands for;
     * nothing while the root does not exist, as Mesos attaches only existing paths.
     */
    public Map<String, String> attachments() {
        return realRoot().map(real -> Map.of(root.toString(), real.toString())).orElse(Map.of());
    }

    /**
     * Lists a directory, sorted by name. Each entry's {@code path} is {@code path} as requested
     * (trailing slashes dropped) joined with the entry's name. As in Mesos: entries are described
     * as {@code stat(2)} sees them, through symlinks, and a dangling link is left out; browsing a
     * file, or a directory that cannot be listed, gives an empty list. Unlike Mesos, a symlink that
     * leads out of the sandbox tree is described as the link itself, so that a listing does not
     * tell the size and owner of files elsewhere.
     */
    public List<FileEntry> browse(String path) {
        requirePath(path);
        Path realRoot = realRootOrNotFound("");
        Path directory = resolve(path, realRoot, "");
        String prefix = withoutTrailingSlashes(path);
        TreeMap<String, FileEntry> byName = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                describe(entry, realRoot).ifPresent(attributes -> byName.put(name, entry(prefix + "/" + name, attributes)));
            }
        } catch (NotDirectoryException | AccessDeniedException e) {
            return List.of();
        } catch (NoSuchFileException e) {
            throw notFound("");
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to list '" + path + "'", e);
        } catch (DirectoryIteratorException e) {
            throw new UncheckedIOException("Failed to list '" + path + "'", e.getCause());
        }
        return List.copyOf(byName.values());
    }

    /**
     * Reads at most {@link #MAX_READ_BYTES} bytes at {@code offset}, as Mesos's {@code /files/read}:
     * <ul>
     *   <li>{@code offset} -1 reads nothing and answers the file's size as the offset;</li>
     *   <li>{@code length} null or -1 reads to the end of the file (as it was when opened), 0 reads
     *       nothing;</li>
     *   <li>an offset at or past the end reads nothing, at that offset.</li>
     * </ul>
     * A file that grows meanwhile (a task's log) is read up to its size when opened, or, when a
     * length was given, up to that length or wherever its end is at the time of reading.
     *
     * <p>Encoding: Mesos puts the raw bytes into the JSON string; what its clients see is those
     * bytes decoded as UTF-8 with each malformed sequence replaced by U+FFFD (which is what a
     * browser does with the response). We decode the same way here, so the JSON is valid, text is
     * readable and a read that starts or ends inside a multi-byte character yields U+FFFD for the
     * broken part instead of failing. Mesos's web UI computes the next offset from the length of
     * {@code data} in characters, which is only right for ASCII; that is Mesos's behaviour too.
     */
    public FileChunk read(String path, long offset, Long length) {
        requirePath(path);
        if (offset < -1) {
            throw badRequest("Negative offset provided: " + offset + ".\n");
        }
        if (length != null && length < -1) {
            throw badRequest("Negative length provided: " + length + ".\n");
        }
        Path file = resolve(path, realRootOrNotFound(""), "");
        try (FileChannel channel = openRegular(file, "Cannot read a directory.\n", "read")) {
            long size = channel.size();
            if (offset == -1) {
                return new FileChunk("", size);
            }
            long wanted = length == null || length == -1 ? size - offset : length;
            if (offset >= size || wanted <= 0) {
                return new FileChunk("", offset);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(wanted, MAX_READ_BYTES));
            long position = offset;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position);
                if (read < 0) {
                    break; // end of file, perhaps truncated meanwhile
                }
                position += read;
            }
            return new FileChunk(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8), offset);
        } catch (NoSuchFileException e) {
            throw notFound("");
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read '" + path + "'", e);
        }
    }

    /** Opens a regular file for download; the caller closes it. */
    public SandboxFile open(String path) {
        requirePath(path);
        Path file = resolve(path, realRootOrNotFound(DOWNLOAD_NOT_FOUND), DOWNLOAD_NOT_FOUND);
        FileChannel channel = null;
        try {
            channel = openRegular(file, "Cannot download a directory.\n", "download");
            return new SandboxFile(file.getFileName().toString(), channel);
        } catch (NoSuchFileException e) {
            throw notFound(DOWNLOAD_NOT_FOUND);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Failed to open '" + path + "'", e);
        }
    }

    private static void requirePath(String path) {
        if (path == null || path.isEmpty()) {
            throw SandboxFileError.missingPath();
        }
    }

    /**
     * The real path of {@code path}, if it is the sandbox root or inside it. A quick lexical test
     * first keeps paths that are plainly elsewhere away from the file system.
     */
    private Path resolve(String path, Path realRoot, String notFoundMessage) {
        Path requested;
        try {
            requested = Path.of(path);
        } catch (InvalidPathException e) {
            throw notFound(notFoundMessage);
        }
        if (!requested.isAbsolute()) {
            throw notFound(notFoundMessage);
        }
        Path lexical = requested.normalize();
        if (!lexical.startsWith(root) && !lexical.startsWith(realRoot)) {
            throw notFound(notFoundMessage);
        }
        Path real;
        try {
            real = requested.toRealPath();
        } catch (IOException e) {
            throw notFound(notFoundMessage); // missing, a file used as a directory, or not ours to see
        }
        if (!real.startsWith(realRoot)) {
            throw notFound(notFoundMessage);
        }
        return real;
    }

    private Path realRootOrNotFound(String notFoundMessage) {
        return realRoot().orElseThrow(() -> notFound(notFoundMessage));
    }

    private Optional<Path> realRoot() {
        try {
            return Optional.of(root.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Opens a resolved path without following a link in its last component, and only if it is a
     * regular file: a directory is refused as Mesos refuses it; a pipe or a device (which Mesos
     * would open, and on which a read can block for ever) is refused too.
     */
    private static FileChannel openRegular(Path file, String directoryMessage, String verb) throws IOException {
        if (Files.isDirectory(file, NOFOLLOW)) {
            throw new SandboxFileError(SandboxFileError.Code.NOT_A_FILE, directoryMessage);
        }
        if (!Files.isRegularFile(file, NOFOLLOW)) {
            if (!Files.exists(file, NOFOLLOW)) {
                throw new NoSuchFileException(file.toString());
            }
            throw new SandboxFileError(SandboxFileError.Code.NOT_A_FILE,
                    "Cannot " + verb + " '" + file.getFileName() + "': not a regular file.\n");
        }
        return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The attributes of a listed entry, through a symlink if it stays inside the tree, of the link
     * itself if it leads out; empty for a dangling link or an entry gone since it was listed.
     */
    private static Optional<Map<String, Object>> describe(Path entry, Path realRoot) {
        LinkOption[] how = FOLLOW;
        try {
            if (Files.isSymbolicLink(entry) && !entry.toRealPath().startsWith(realRoot)) {
                how = NOFOLLOW;
            }
            return Optional.of(Files.readAttributes(entry, ATTRIBUTES, how));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static FileEntry entry(String path, Map<String, Object> attributes) {
        int mode = (Integer) attributes.get("mode");
        return new FileEntry(
                ((GroupPrincipal) attributes.get("group")).getName(),
                modeString(mode),
                ((FileTime) attributes.get("lastModifiedTime")).to(TimeUnit.SECONDS),
                ((Number) attributes.get("nlink")).longValue(),
                path,
                (Long) attributes.get("size"),
                ((UserPrincipal) attributes.get("owner")).getName());
    }

    /** {@code st_mode} as Mesos renders it: a type letter and nine permission letters. */
    static String modeString(int mode) {
        char type = switch (mode & 0170000) {
            case 0040000 -> 'd';
            case 0020000 -> 'c';
            case 0060000 -> 'b';
            case 0010000 -> 'p';
            case 0120000 -> 'l';
            case 0140000 -> 's';
            default -> '-';
        };
        StringBuilder text = new StringBuilder(10).append(type);
        String letters = "rwx";
        for (int bit = 8; bit >= 0; bit--) {
            text.append((mode & (1 << bit)) != 0 ? letters.charAt(2 - bit % 3) : '-');
        }
        return text.toString();
    }

    private static String withoutTrailingSlashes(String path) {
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was read from it
            }
        }
    }

    private static SandboxFileError notFound(String message) {
        return new SandboxFileError(SandboxFileError.Code.NOT_FOUND, message);
    }

    private static SandboxFileError badRequest(String message) {
        return new SandboxFileError(SandboxFileError.Code.BAD_REQUEST, message);
    }
}
