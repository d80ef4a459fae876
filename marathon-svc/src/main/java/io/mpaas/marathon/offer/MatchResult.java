package io.mpaas.marathon.offer;

import io.mpaas.marathon.app.PathId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one offer was used for.
 *
 * @param launches   the instances to launch on it, in the order they were waiting; empty means
 *                   "decline the offer"
 * @param rejections per app that had an instance left unlaunched because it did not fit: each
 *                   {@link RejectionReason#marathonName() reason} that applied, counted once for
 *                   this offer (so a caller adding results up gets "offers declined for this
 *                   reason", what {@code /v2/queue} shows). An app can appear both here and in
 *                   {@code launches} when the offer ran out after some of its instances.
 */
public record MatchResult(List<Launch> launches, Map<PathId, Map<String, Integer>> rejections) {

    public MatchResult {
        launches = List.copyOf(launches);
        Map<PathId, Map<String, Integer>> copy = new LinkedHashMap<>();
        rejections.forEach((app, reasons) -> copy.put(app, Map.copyOf(reasons)));
        rejections = Collections.unmodifiableMap(copy);
    }

    public boolean isEmpty() {
        return launches.isEmpty();
    }
}
