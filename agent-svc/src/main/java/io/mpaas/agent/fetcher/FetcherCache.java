package io.mpaas.agent.fetcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent-wide cache of {@code cache: true} URIs, keyed by user and URI as in Mesos, bounded
 * in bytes with least-recently-used eviction.
 *
 * <p>The first task to ask for a key downloads it; tasks asking meanwhile wait for that one
 * download instead of starting their own. Space is reserved before the download from the length
 * the source announces; when the source announces none, or eviction of entries nobody is using
 * cannot make room, the cache steps aside and the caller fetches straight into its sandbox (what
 * Mesos does in both cases). A failed download is reported to every waiter and forgotten, so
 * the next task tries again. Entries in use are never evicted. The cache starts empty: like
 * Mesos, an agent clears it when it starts, since nothing records what the files were.
 */
final class FetcherCache {

    private static final Logger log = LoggerFactory.getLogger(FetcherCache.class);

    /** Kept of a URI's name in the cache file's name: enough to recognise it, short enough for any file system. */
    private static final int NAME_CHARS = 40;

    /** Who the cached file is for and what it is. */
    record Key(String user, String uri) {
    }

    /** Opens the source of a key; called by the one caller that downloads it. */
    @FunctionalInterface
    interface Loader {
        Transfer open() throws IOException, InterruptedException;
    }

    /** Completes the waiters of an entry that will not be cached: they fetch on their own. */
    private static final class SteppedAside extends Exception {
        SteppedAside() {
            super(null, null, false, false);
        }
    }

    private static final class Entry {
        final Key key;
        final Path file;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        long size;
        int references;
        boolean removed;

        Entry(Key key, Path file) {
            this.key = key;
            this.file = file;
        }
    }

    private final Path directory;
    private final long capacity;
    /** In access order: iteration starts at the least recently used entry. */
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long used;
    private long serial;

    FetcherCache(Path directory, long capacity) {
        this.directory = directory;
        this.capacity = capacity;
        clear(directory);
    }

    /**
     * The cached file of a key, downloaded with {@code loader} by whichever caller comes first.
     * Empty when the cache cannot hold it: the caller then fetches it directly. The lease must be
     * closed once the file has been copied or unpacked; until then it is not evicted.
     *
     * @throws IOException the download failed (for the downloading caller and all who waited for it)
     */
    Optional<Lease> obtain(Key key, String name, Loader loader) throws IOException, InterruptedException {
        Entry entry;
        boolean downloads;
        synchronized (this) {
            entry = entries.get(key);
            downloads = entry == null;
            if (downloads) {
                entry = new Entry(key, directory.resolve(++serial + "-" + shortened(name)));
                entries.put(key, entry);
            }
            entry.references++;
        }
        return downloads ? download(entry, loader) : await(entry);
    }

    private Optional<Lease> await(Entry entry) throws IOException, InterruptedException {
        try {
            entry.ready.get();
            return Optional.of(new Lease(entry));
        } catch (ExecutionException e) {
            release(entry);
            if (e.getCause() instanceof SteppedAside) {
                return Optional.empty();
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            release(entry);
            throw e;
        }
    }

    private Optional<Lease> download(Entry entry, Loader loader) throws IOException, InterruptedException {
        try (Transfer transfer = loader.open()) {
            if (!reserve(entry, transfer.length())) {
                log.info("Not caching {}: {} bytes do not fit in the fetcher cache ({} of {} bytes used)",
                        entry.key.uri(), transfer.length(), used(), capacity);
                stepAside(entry);
                return Optional.empty();
            }
            Files.createDirectories(directory);
            transfer.copyTo(entry.file);
            completed(entry, Files.size(entry.file));
            return Optional.of(new Lease(entry));
        } catch (IOException | RuntimeException e) {
            fail(entry, e);
            throw e;
        } catch (InterruptedException e) {
            // Cancelled with its task: whoever waits fetches on its own rather than failing.
            stepAside(entry);
            throw e;
        }
    }

    /**
     * Claims {@code bytes} for an entry, evicting least recently used entries nobody is using.
     * Like Mesos, it evicts only when that frees enough; otherwise nothing is evicted.
     */
    private synchronized boolean reserve(Entry entry, long bytes) {
        if (bytes < 0 || bytes > capacity) {
            return false;
        }
        if (!evictFor(bytes, entry)) {
            return false;
        }
        used += bytes;
        entry.size = bytes;
        return true;
    }

    private boolean evictFor(long bytes, Entry keep) {
        long missing = used + bytes - capacity;
        if (missing <= 0) {
            return true;
        }
        List<Entry> victims = new ArrayList<>();
        long freed = 0;
        for (Entry candidate : entries.values()) {
            if (candidate != keep && candidate.references == 0 && candidate.ready.isDone()) {
                victims.add(candidate);
                freed += candidate.size;
                if (freed >= missing) {
                    break;
                }
            }
        }
        if (freed < missing) {
            return false;
        }
        for (Entry victim : victims) {
            log.info("Evicting {} ({} bytes) from the fetcher cache", victim.key.uri(), victim.size);
            remove(victim);
        }
        return true;
    }

    /** The download is there; its real size replaces the announced one. */
    private synchronized void completed(Entry entry, long actual) {
        used += actual - entry.size;
        entry.size = actual;
        if (used > capacity && !evictFor(0, entry)) {
            log.warn("The fetcher cache holds {} of {} bytes: {} was larger than announced", used, capacity,
                    entry.key.uri());
        }
        entry.ready.complete(null);
    }

    private synchronized void fail(Entry entry, Exception cause) {
        entry.ready.completeExceptionally(cause);
        entry.references--;
        remove(entry);
    }

    private synchronized void stepAside(Entry entry) {
        entry.ready.completeExceptionally(new SteppedAside());
        entry.references--;
        remove(entry);
    }

    /** Forgets an entry; its file goes once nobody uses it. Caller holds the lock. */
    private void remove(Entry entry) {
        if (entries.get(entry.key) == entry) {
            entries.remove(entry.key);
        }
        if (!entry.removed) {
            entry.removed = true;
            used -= entry.size;
        }
        if (entry.references == 0) {
            delete(entry.file);
        }
    }

    private synchronized void release(Entry entry) {
        entry.references--;
        if (entry.references == 0 && entry.removed) {
            delete(entry.file);
        }
    }

    long capacity() {
        return capacity;
    }

    /** Bytes claimed by entries, those being downloaded included. */
    synchronized long used() {
        return used;
    }

    synchronized boolean contains(Key key) {
        return entries.containsKey(key);
    }

    /** How many callers hold or wait for the entry of a key; for tests. */
    synchronized int references(Key key) {
        Entry entry = entries.get(key);
        return entry == null ? 0 : entry.references;
    }

    private static String shortened(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.length() <= NAME_CHARS ? safe
                : safe.substring(0, NAME_CHARS / 2) + "_" + safe.substring(safe.length() - NAME_CHARS / 2);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete the fetcher cache file {}: {}", file, e.toString());
        }
    }

    private static void clear(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(directory)).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot clear the fetcher cache {}: {}", directory, e.toString());
        }
    }

    /** A cached file in use: not evicted until closed. */
    final class Lease implements AutoCloseable {

        private final Entry entry;
        private boolean closed;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        Path file() {
            return entry.file;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(entry);
            }
        }
    }

    @Override
    public synchronized String toString() {
        return "FetcherCache[" + entries.size() + " entries, " + used + " of " + capacity + " bytes]";
    }
}
