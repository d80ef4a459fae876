package io.mpaas.agent.fetcher;

import io.mpaas.protocol.mesos.CommandInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One URI of a task, checked and named: where its bytes come from, the file it becomes in the
 * sandbox, and what happens to that file.
 *
 * @param value the URI as the framework sent it (leading blanks removed, as Mesos does); every
 *     message names it so
 * @param source where the bytes come from
 * @param fileName the file's path relative to the sandbox: {@code output_file}, or else the last
 *     segment of the URI's path (without query or fragment)
 * @param executable made executable ({@code chmod 755}); never unpacked
 * @param extract unpacked into the sandbox when {@code fileName} names an archive (Mesos's
 *     default is true)
 * @param cache fetched through the agent-wide cache
 */
record FetchedUri(String value, Source source, Path fileName, boolean executable, boolean extract, boolean cache) {

    /** Where the bytes of a URI come from. */
    sealed interface Source {
        /** {@code http://} or {@code https://}. */
        record Remote(URI uri) implements Source {
        }

        /** {@code file://} or an absolute path on the agent's machine. */
        record Local(Path path) implements Source {
        }
    }

    FetchedUri {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(fileName, "fileName");
    }

    /** The archive to unpack, if the URI asks for it and its file is one. */
    Optional<Archive> archive() {
        return executable || !extract ? Optional.empty() : Archive.of(fileName.getFileName().toString());
    }

    /**
     * Checks a URI as the framework sent it. Schemes: http, https, file, or an absolute path.
     * Mesos would also take ftp and hdfs (through curl and a Hadoop client the agent does not
     * have) and relative paths under its {@code --frameworks_home}; here they are the task's fault.
     */
    static FetchedUri of(CommandInfo.Uri uri) throws FetchFailure {
        String value = uri.value() == null ? "" : uri.value().stripLeading();
        if (value.isEmpty()) {
            throw FetchFailure.invalid(value, "the URI is empty");
        }
        if (value.indexOf('\\') >= 0 || value.indexOf('\'') >= 0 || value.indexOf('\0') >= 0) {
            throw FetchFailure.invalid(value, "illegal character in URI (backslash, quote or NUL)");
        }
        Source source;
        String lastSegment;
        int schemeEnd = value.indexOf("://");
        if (schemeEnd > 1) {
            String scheme = value.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            switch (scheme) {
                case "http", "https" -> {
                    URI parsed = parseRemote(value);
                    source = new Source.Remote(parsed);
                    String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
                    lastSegment = path.substring(path.lastIndexOf('/') + 1);
                }
                case "file" -> {
                    Path path = localPath(value, value.substring(schemeEnd + 3));
                    source = new Source.Local(path);
                    lastSegment = path.getFileName() == null ? "" : path.getFileName().toString();
                }
                default -> throw FetchFailure.invalid(value, "scheme '" + scheme
                        + "' is not supported by this agent (http, https, file or an absolute path)");
            }
        } else if (value.startsWith("/")) {
            Path path = localPath(value, value);
            source = new Source.Local(path);
            lastSegment = path.getFileName() == null ? "" : path.getFileName().toString();
        } else {
            throw FetchFailure.invalid(value, "a relative path would need Mesos's frameworks home, which this agent"
                    + " does not have; give an absolute path, a file:// or an http(s):// URI");
        }
        Path fileName = fileName(value, uri.outputFile(), lastSegment);
        return new FetchedUri(value, source, fileName, Boolean.TRUE.equals(uri.executable()),
                uri.extract() == null || uri.extract(), Boolean.TRUE.equals(uri.cache()));
    }

    private static URI parseRemote(String value) throws FetchFailure {
        URI parsed;
        try {
            parsed = new URI(value);
        } catch (URISyntaxException e) {
            throw FetchFailure.invalid(value, "not a valid URI: " + e.getReason() + " at index " + e.getIndex());
        }
        if (parsed.getHost() == null) {
            throw FetchFailure.invalid(value, "the URI has no host");
        }
        return parsed;
    }

    private static Path localPath(String value, String path) throws FetchFailure {
        String local = path.startsWith("localhost/") ? path.substring("localhost".length()) : path;
        if (!local.startsWith("/")) {
            throw FetchFailure.invalid(value, "a file URI needs an absolute path (file:///path)");
        }
        try {
            return Path.of(local);
        } catch (InvalidPathException e) {
            throw FetchFailure.invalid(value, "not a valid path: " + e.getReason());
        }
    }

    /**
     * The file's path in the sandbox. {@code output_file} may name subdirectories (created on the
     * way) but never leave the sandbox: no absolute path, no {@code ..}.
     */
    private static Path fileName(String value, String outputFile, String lastSegment) throws FetchFailure {
        if (outputFile != null && !outputFile.isEmpty()) {
            Path path;
            try {
                path = Path.of(outputFile);
            } catch (InvalidPathException e) {
                throw FetchFailure.invalid(value, "output_file '" + outputFile + "' is not a valid path: "
                        + e.getReason());
            }
            if (path.isAbsolute()) {
                throw FetchFailure.invalid(value, "output_file '" + outputFile
                        + "' must be a path relative to the sandbox, not an absolute path");
            }
            for (Path element : path) {
                if (element.toString().equals("..")) {
                    throw FetchFailure.invalid(value, "output_file '" + outputFile + "' must stay inside the sandbox"
                            + " ('..' is not allowed)");
                }
            }
            Path normalized = path.normalize();
            if (normalized.toString().isEmpty()) {
                throw FetchFailure.invalid(value, "output_file '" + outputFile + "' names no file");
            }
            return normalized;
        }
        if (lastSegment.isEmpty() || lastSegment.equals(".") || lastSegment.equals("..")) {
            throw FetchFailure.invalid(value, "the URI's path names no file; give output_file");
        }
        return Path.of(lastSegment);
    }
}
