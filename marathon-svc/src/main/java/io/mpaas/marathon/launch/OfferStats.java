package io.mpaas.marathon.launch;

import io.mpaas.marathon.app.PathId;
import io.mpaas.protocol.mesos.Offer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why offers were not used, per app, for {@code /v2/queue}'s processedOffersSummary: the answer to
 * "why is my deployment stuck" that Marathon users had to dig out of logs. Counts start when an
 * app starts waiting and are dropped when it has nothing left to launch.
 */
public final class OfferStats {

    /** The offers kept per app for {@code embed=lastUnusedOffers}: the newest, enough to see a pattern. */
    static final int LAST_UNUSED = 10;

    /** One app's counters, and its last unused offers (oldest first). */
    public record Summary(long processed, long unused, Instant lastUnusedAt, Instant lastUsedAt,
            Map<String, Integer> rejections, List<UnusedOffer> lastUnused) {
        public Summary {
            rejections = Map.copyOf(rejections);
            lastUnused = List.copyOf(lastUnused);
        }

        static Summary empty() {
            return new Summary(0, 0, null, null, Map.of(), List.of());
        }
    }

    private final Map<PathId, Summary> byApp = new ConcurrentHashMap<>();

    /** An offer was looked at for the app and used. */
    public void used(PathId appId, Instant now) {
        byApp.compute(appId, (id, s) -> {
            Summary current = s == null ? Summary.empty() : s;
            return new Summary(current.processed() + 1, current.unused(), current.lastUnusedAt(), now,
                    current.rejections(), current.lastUnused());
        });
    }

    /** {@code offer} was looked at for the app and did not fit, for these reasons (reason -> count). */
    public void rejected(PathId appId, Offer offer, Map<String, Integer> reasons, Instant now) {
        byApp.compute(appId, (id, s) -> {
            Summary current = s == null ? Summary.empty() : s;
            Map<String, Integer> merged = new TreeMap<>(current.rejections());
            reasons.forEach((reason, count) -> merged.merge(reason, count, Integer::sum));
            List<UnusedOffer> last = new ArrayList<>(current.lastUnused());
            last.add(new UnusedOffer(offer, now, reasons.keySet().stream().sorted().toList()));
            if (last.size() > LAST_UNUSED) {
                last.removeFirst();
            }
            return new Summary(current.processed() + 1, current.unused() + 1, now, current.lastUsedAt(), merged,
                    last);
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
