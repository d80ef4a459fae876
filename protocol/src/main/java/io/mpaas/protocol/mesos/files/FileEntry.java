package io.mpaas.protocol.mesos.files;

import java.util.Objects;

/**
 * One entry of a {@code /files/browse} listing, as Mesos's {@code FileInfo} is written to JSON.
 *
 * <p>Components are declared in the order Mesos writes the keys (sorted), so that a listing is
 * the same text as Mesos's. A wire type: it belongs in {@code protocol/}.
 *
 * @param gid the owning group's name, or its number when the name is unknown
 * @param mode type and permissions as {@code ls -l} shows them, e.g. {@code drwxr-xr-x}
 * @param mtime last modification, in whole seconds since the epoch (Mesos writes the same value
 *     as a floating point number, {@code 1700000000.0}; every client that reads Mesos's number
 *     reads this one)
 * @param nlink the number of hard links
 * @param path the requested directory joined with the entry's name
 * @param size the size in bytes
 * @param uid the owner's name, or its number when the name is unknown
 */
public record FileEntry(String gid, String mode, long mtime, long nlink, String path, long size, String uid) {

    public FileEntry {
        Objects.requireNonNull(gid, "gid");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(uid, "uid");
    }
}
