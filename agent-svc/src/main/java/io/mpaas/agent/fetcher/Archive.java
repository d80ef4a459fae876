package io.mpaas.agent.fetcher;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The archives the fetcher unpacks, recognised by the file name's ending as Mesos does (it never
 * looks inside). A bare {@code .gz} is one compressed file, unpacked beside the others under its
 * name without {@code .gz}.
 */
enum Archive {
    TAR_GZ("-z", ".tar.gz", ".tgz"),
    TAR_BZ2("-j", ".tar.bz2", ".tbz2"),
    TAR_XZ("-J", ".tar.xz", ".txz"),
    TAR(null, ".tar"),
    ZIP(null, ".zip"),
    GZIP(null, ".gz");

    private final String tarCompression;
    private final List<String> endings;

    Archive(String tarCompression, String... endings) {
        this.tarCompression = tarCompression;
        this.endings = List.of(endings);
    }

    /** The archive a file of this name is, if any; the constants' order puts {@code .tar.gz} before {@code .gz}. */
    static Optional<Archive> of(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (Archive archive : values()) {
            for (String ending : archive.endings) {
                if (lower.endsWith(ending) && lower.length() > ending.length()) {
                    return Optional.of(archive);
                }
            }
        }
        return Optional.empty();
    }

    boolean isTar() {
        return this == TAR || tarCompression != null;
    }

    /** {@code tar}'s option for the compression, or null for a plain tar. */
    String tarCompression() {
        return tarCompression;
    }

    /** The name of a bare {@code .gz} file once unpacked. */
    static String withoutGzEnding(String fileName) {
        return fileName.substring(0, fileName.length() - ".gz".length());
    }
}
