package io.mpaas.marathon.health;

import io.mpaas.marathon.app.PathId;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.HealthCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * When each marathon-run check is next due; the deciding half of {@link MarathonHealthChecks},
 * driven only by the {@code now} it is given. Not thread-safe: one ticking thread owns it.
 *
 * <p>A check is known by its app, its position and its definition, so scaling (a new app version
 * with the same checks) keeps its rhythm, while a changed check starts afresh like Marathon's new
 * health check actor. A new check is first due {@code min(interval, firstCheckDelay)} after it is
 * seen. After a run the next is due one interval after the previous due time, so lateness does
 * not accumulate; a check that fell a whole interval behind skips the runs it missed instead of
 * firing them back to back.
 */
final class CheckSchedule {

    private record Key(PathId appId, int index, HealthCheck definition) {
    }

    /**
     * The checks of one app to run now.
     *
     * @param behind how late the latest of them is
     */
    record Round(PathId appId, App app, List<MarathonHealthCheck> checks, Duration behind) {
        Round {
            checks = List.copyOf(checks);
        }
    }

    /**
     * What a tick decided.
     *
     * @param behind the most any due check is late, run now or held back by a busy app
     */
    record Decision(List<Round> rounds, Duration behind, int skippedRuns) {
        Decision {
            rounds = List.copyOf(rounds);
        }
    }

    private final Duration firstCheckDelay;
    private final Map<Key, Instant> nextDue = new HashMap<>();

    CheckSchedule(Duration firstCheckDelay) {
        this.firstCheckDelay = firstCheckDelay;
    }

    /**
     * The rounds due at {@code now}. A due check of a {@code busy} app (whose last round still runs)
     * stays due and counts as behind. Checks of apps no longer in {@code apps} are forgotten.
     */
    Decision due(Map<PathId, App> apps, Instant now, Predicate<PathId> busy) {
        Set<Key> seen = new HashSet<>();
        List<Round> rounds = new ArrayList<>();
        Duration behind = Duration.ZERO;
        int skipped = 0;
        for (Map.Entry<PathId, App> entry : apps.entrySet()) {
            PathId appId = entry.getKey();
            List<MarathonHealthCheck> dueChecks = new ArrayList<>();
            Duration appBehind = Duration.ZERO;
            boolean appBusy = busy.test(appId);
            for (MarathonHealthCheck check : MarathonHealthCheck.of(entry.getValue())) {
                Key key = new Key(appId, check.index(), check.definition());
                seen.add(key);
                Instant due = nextDue.computeIfAbsent(key, k -> now.plus(first(check.interval())));
                if (due.isAfter(now)) {
                    continue;
                }
                Duration late = Duration.between(due, now);
                appBehind = late.compareTo(appBehind) > 0 ? late : appBehind;
                if (appBusy) {
                    continue;
                }
                Instant next = due.plus(check.interval());
                if (!next.isAfter(now)) {
                    skipped += (int) (Duration.between(due, now).toMillis() / check.interval().toMillis());
                    next = now.plus(check.interval());
                }
                nextDue.put(key, next);
                dueChecks.add(check);
            }
            behind = appBehind.compareTo(behind) > 0 ? appBehind : behind;
            if (!dueChecks.isEmpty()) {
                rounds.add(new Round(appId, entry.getValue(), dueChecks, appBehind));
            }
        }
        nextDue.keySet().retainAll(seen);
        return new Decision(rounds, behind, skipped);
    }

    private Duration first(Duration interval) {
        return interval.compareTo(firstCheckDelay) < 0 ? interval : firstCheckDelay;
    }

    /** Forgets every check, so that they start afresh (a new leadership term). */
    void clear() {
        nextDue.clear();
    }

    /** How many checks are known. */
    int size() {
        return nextDue.size();
    }
}
