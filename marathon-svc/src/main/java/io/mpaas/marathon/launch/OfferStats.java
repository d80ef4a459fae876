package io.mpaas.marathon.launch;

import io.mpaas.marathon.app.PathId;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why offers were not used, per app, for {@code /v2/queue}'s processedOffersSummary: the answer to
 * "why is my deployment stuck" that Marathon users had to dig out of logs. Counts start when an
 * app starts waiting and are dropped when it has nothing left to launch.
 */
public final class OfferStats {

    /** One app's counters. */
    public record Summary(long processed, long unused, Instant lastUnusedAt, Instant lastUsedAt,
            Map<String, Integer> rejections) {
        public Summary {
            rejections = Map.copyOf(rejections);
        }

        static Summary empty() {
            return new Summary(0, 0, null, null, Map.of());
        }
    }

    private final Map<PathId, Summary> byApp = new ConcurrentHashMap<>();

    /** An offer was looked at for the app and used. */
    public void used(PathId appId, Instant now) {
        byApp.compute(appId, (id, s) -> {
            Summary current = s == null ? Summary.empty() : s;
            return new Summary(current.processed() + 1, current.unused(), current.lastUnusedAt(), now,
                    current.rejections());
        });
    }

    /** An offer was looked at for the app and did not fit, for these reasons (reason -> count). */
    public void rejected(PathId appId, Map<String, Integer> reasons, Instant now) {
        byApp.compute(appId, (id, s) -> {
            Summary current = s == null ? Summary.empty() : s;
            Map<String, Integer> merged = new TreeMap<>(current.rejections());
            reasons.forEach((reason, count) -> merged.merge(reason, count, Integer::sum));
            return new Summary(current.processed() + 1, current.unused() + 1, now, current.lastUsedAt(), merged);
        });
    }

    public Summary of(PathId appId) {
        return byApp.getOrDefault(appId, Summary.empty());
    }

    /** The app has nothing to launch any more. */
    public void clear(PathId appId) {
        byApp.remove(appId);
    }
}
