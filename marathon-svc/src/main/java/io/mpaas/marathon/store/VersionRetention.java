package io.mpaas.marathon.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which stored versions pruning deletes (Marathon's {@code --zk_max_versions}): all but the newest
 * {@code maxVersions} of the root and of each app, except what is still needed. The current root and
 * the roots of stored deployments stay, and so does every app version a remaining root refers to, so
 * that each kept root can still be read back whole. Both group repositories prune by these rules.
 *
 * @param maxVersions at least 2: a deployment's original root is the previous current one, and it must
 *                    survive the store of the target until the plan is saved (which then protects it)
 */
record VersionRetention(int maxVersions) {

    VersionRetention {
        if (maxVersions < 2) {
            throw new IllegalArgumentException("marathon.store.max-versions must be at least 2 (a deployment"
                    + " needs its original and its target root), got " + maxVersions);
        }
    }

    /** Of {@code versions}, those older than the newest {@code maxVersions} and not in {@code needed}. */
    List<Instant> surplus(Collection<Instant> versions, Set<Instant> needed) {
        return versions.stream().sorted(Comparator.reverseOrder()).skip(maxVersions)
                .filter(v -> !needed.contains(v)).toList();
    }

    /**
     * The app versions to delete.
     *
     * @param versionsByApp stored versions of each app (only apps with more than {@code maxVersions} need
     *                      be given)
     * @param keptRoots     every root that stays after pruning the roots
     */
    Map<String, List<Instant>> surplusAppVersions(Map<String, ? extends Collection<Instant>> versionsByApp,
            Collection<StoredRoot> keptRoots) {
        Map<String, Set<Instant>> referenced = new HashMap<>();
        for (StoredRoot root : keptRoots) {
            for (StoredRoot.AppRef ref : root.apps()) {
                if (versionsByApp.containsKey(ref.id())) {
                    referenced.computeIfAbsent(ref.id(), id -> new HashSet<>()).add(ref.instant());
                }
            }
        }
        Map<String, List<Instant>> result = new HashMap<>();
        versionsByApp.forEach((app, versions) -> {
            List<Instant> surplus = surplus(versions, referenced.getOrDefault(app, Set.of()));
            if (!surplus.isEmpty()) {
                result.put(app, surplus);
            }
        });
        return result;
    }

    /** Whether an app or the root with this many versions has any to prune. */
    boolean crowded(int versionCount) {
        return versionCount > maxVersions;
    }
}
