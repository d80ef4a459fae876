package io.mpaas.agent.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherCacheTest {

    @TempDir
    Path dir;

    /** A source of {@code size} bytes that counts how often it was opened. */
    private static final class Source implements FetcherCache.Loader {
        final int size;
        final boolean announcesLength;
        final AtomicInteger opened = new AtomicInteger();
        final CountDownLatch release;

        Source(int size) {
            this(size, true, new CountDownLatch(0));
        }

        Source(int size, boolean announcesLength, CountDownLatch release) {
            this.size = size;
            this.announcesLength = announcesLength;
            this.release = release;
        }

        @Override
        public Transfer open() {
            opened.incrementAndGet();
            return new Transfer() {
                @Override
                public long length() {
                    return announcesLength ? size : -1;
                }

                @Override
                public void copyTo(Path file) throws IOException, InterruptedException {
                    release.await();
                    Files.write(file, "x".repeat(size).getBytes(StandardCharsets.US_ASCII));
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private static FetcherCache.Key key(String uri) {
        return new FetcherCache.Key("root", uri);
    }

    /** Obtains and releases at once, as a fetch does once the file is copied out. */
    private static Path fetch(FetcherCache cache, String uri, FetcherCache.Loader loader) throws Exception {
        Optional<FetcherCache.Lease> lease = cache.obtain(key(uri), "f.bin", loader);
        assertThat(lease).isPresent();
        try (FetcherCache.Lease l = lease.get()) {
            return l.file();
        }
    }

    @Test
    void aCachedUriIsDownloadedOnceAndServedFromTheCacheAfterwards() throws Exception {
        FetcherCache cache = new FetcherCache(dir.resolve("cache"), 1000);
        Source source = new Source(100);
        Path first = fetch(cache, "http://h/a", source);
        Path second = fetch(cache, "http://h/a", source);
        assertThat(second).isEqualTo(first).hasContent("x".repeat(100));
        assertThat(source.opened).hasValue(1);
        assertThat(cache.used()).isEqualTo(100);
    }

    @Test
    void usersHaveTheirOwnEntries() throws Exception {
        FetcherCache cache = new FetcherCache(dir.resolve("cache"), 1000);
        Source source = new Source(10);
        cache.obtain(new FetcherCache.Key("alice", "http://h/a"), "a", source).orElseThrow().close();
        cache.obtain(new FetcherCache.Key("bob", "http://h/a"), "a", source).orElseThrow().close();
        assertThat(source.opened).hasValue(2);
    }

    @Test
    void theLeastRecentlyUsedEntriesAreEvictedToMakeRoom() throws Exception {
        FetcherCache cache = new FetcherCache(dir.resolve("cache"), 300);
        Path a = fetch(cache, "http://h/a", new Source(100));
        fetch(cache, "http://h/b", new Source(100));
        fetch(cache, "http://h/c", new Source(100));
        fetch(cache, "http://h/a", new Source(100)); // a is now the most recently used; b the least
        fetch(cache, "http://h/d", new Source(150));
        assertThat(cache.contains(key("http://h/a"))).isTrue();
        assertThat(cache.contains(key("http://h/b"))).isFalse();
        assertThat(cache.contains(key("http://h/c"))).isFalse();
        assertThat(cache.contains(key("http://h/d"))).isTrue();
        assertThat(cache.used()).isEqualTo(250);
        assertThat(a).exists();
        try (var files = Files.list(dir.resolve("cache"))) {
            assertThat(files.count()).as("evicted files are deleted").isEqualTo(2);
        }
    }

    @Test
    void entriesInUseAreNotEvictedAndWhatDoesNotFitIsNotCached() throws Exception {
        FetcherCache cache = new FetcherCache(dir.resolve("cache"), 200);
        FetcherCache.Lease inUse = cache.obtain(key("http://h/a"), "a", new Source(150)).orElseThrow();
        Source big = new Source(100);
        assertThat(cache.obtain(key("http://h/b"), "b", big)).as("no room while a is in use").isEmpty();
        assertThat(cache.contains(key("http://h/b"))).isFalse();
        assertThat(cache.used()).isEqualTo(150);
        inUse.close();
        assertThat(cache.obtain(key("http://h/b"), "b", big)).isPresent();
        assertThat(cache.contains(key("http://h/a"))).isFalse();
    }

    @Test
    void aUriLargerThanTheCacheOrOfUnknownSizeIsNotCached() throws Exception {
        FetcherCache cache = new FetcherCache(dir.resolve("cache"), 100);
        assertThat(cache.obtain(key("http://h/huge"), "huge", new Source(101))).isEmpty();
        assertThat(cache.obtain(key("http://h/chunked"), "chunked", new Source(10, false, new CountDownLatch(0))))
                .isEmpty();
        assertThat(cache.used()).isZero();
    }

    @Test
    void concurrentRequestsForOneUriShareOneDownload() throws Exception {
        FetcherCache cache = new FetcherCache(dir.resolve("cache"), 1000);
        CountDownLatch release = new CountDownLatch(1);
        Source source = new Source(50, true, release);
        CompletableFuture<Path> first = async(() -> obtainQuietly(cache, source));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> source.opened.get() == 1);
        CompletableFuture<Path> second = async(() -> obtainQuietly(cache, source));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> cache.references(key("http://h/shared")) == 2);
        assertThat(second).isNotDone();
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(second.get(5, TimeUnit.SECONDS));
        assertThat(source.opened).hasValue(1);
    }

    @Test
    void aFailedDownloadFailsItsWaitersTooAndIsForgotten() throws Exception {
        FetcherCache cache = new FetcherCache(dir.resolve("cache"), 1000);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger opened = new AtomicInteger();
        FetcherCache.Loader failing = () -> {
            opened.incrementAndGet();
            release.await();
            throw new IOException("HTTP 404 Not Found");
        };
        CompletableFuture<Path> first = async(() -> obtainQuietly(cache, failing));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> opened.get() == 1);
        CompletableFuture<Path> second = async(() -> obtainQuietly(cache, failing));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> cache.references(key("http://h/shared")) == 2);
        release.countDown();
        for (CompletableFuture<Path> f : java.util.List.of(first, second)) {
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().hasMessageContaining("HTTP 404 Not Found");
        }
        assertThat(opened).hasValue(1);
        assertThat(cache.contains(key("http://h/shared"))).isFalse();
        assertThat(cache.obtain(key("http://h/shared"), "shared", new Source(5))).as("the next task tries again")
                .isPresent();
    }

    @Test
    void aCancelledDownloadLetsItsWaitersFetchOnTheirOwn() throws Exception {
        FetcherCache cache = new FetcherCache(dir.resolve("cache"), 1000);
        Source source = new Source(10, true, new CountDownLatch(1));
        Thread owner = Thread.ofVirtual().start(() -> {
            try {
                cache.obtain(key("http://h/shared"), "shared", source);
            } catch (IOException | InterruptedException expected) {
                // cancelled
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> source.opened.get() == 1);
        CompletableFuture<Optional<FetcherCache.Lease>> waiter = async(() -> {
            try {
                return cache.obtain(key("http://h/shared"), "shared", source);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> cache.references(key("http://h/shared")) == 2);
        owner.interrupt();
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(cache.used()).isZero();
    }

    @Test
    void theCacheStartsEmpty() throws Exception {
        Path cacheDir = Files.createDirectories(dir.resolve("cache"));
        Files.writeString(cacheDir.resolve("7-left-over.tgz"), "old");
        new FetcherCache(cacheDir, 100);
        try (var files = Files.list(cacheDir)) {
            assertThat(files).isEmpty();
        }
    }

    /** On a thread of its own: the common pool has one worker on two cores, and these block. */
    private static <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, command -> Thread.ofVirtual().start(command));
    }

    private static Path obtainQuietly(FetcherCache cache, FetcherCache.Loader loader) {
        try {
            try (FetcherCache.Lease lease = cache.obtain(key("http://h/shared"), "shared", loader).orElseThrow()) {
                return lease.file();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
