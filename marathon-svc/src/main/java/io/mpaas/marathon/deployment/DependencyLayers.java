package io.mpaas.marathon.deployment;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.group.RootGroup;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The apps of a root sorted into layers by the longest chain of dependencies beneath them: layer 0
 * holds apps that depend on nothing, layer k apps whose longest dependency path has k edges. Every
 * app's dependencies lie in lower layers, so running the layers in order puts dependencies first,
 * and running them backwards puts dependents first. Deployments use this to order their steps.
 */
final class DependencyLayers {

    private DependencyLayers() {
    }

    /**
     * The layers, lowest first, each sorted by id; empty when the dependency graph has a cycle
     * (a root with a cycle cannot be deployed in any order).
     */
    static Optional<List<Set<PathId>>> of(RootGroup root) {
        Map<PathId, Set<PathId>> dependencies = new HashMap<>();
        Map<PathId, List<PathId>> dependents = new HashMap<>();
        for (PathId app : root.apps().keySet()) {
            Set<PathId> deps = root.dependenciesOf(app);
            dependencies.put(app, deps);
            deps.forEach(dep -> dependents.computeIfAbsent(dep, d -> new ArrayList<>()).add(app));
        }
        // Kahn's algorithm: an app is placed once all its dependencies are; its layer is one above
        // the highest of them. Anything left unplaced sits on (or above) a cycle.
        Map<PathId, Integer> layer = new HashMap<>();
        Map<PathId, Integer> unplacedDependencies = new HashMap<>();
        Deque<PathId> ready = new ArrayDeque<>();
        dependencies.forEach((app, deps) -> {
            unplacedDependencies.put(app, deps.size());
            layer.put(app, 0);
            if (deps.isEmpty()) {
                ready.add(app);
            }
        });
        int placed = 0;
        while (!ready.isEmpty()) {
            PathId app = ready.poll();
            placed++;
            for (PathId dependent : dependents.getOrDefault(app, List.of())) {
                layer.merge(dependent, layer.get(app) + 1, Math::max);
                if (unplacedDependencies.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (placed < dependencies.size()) {
            return Optional.empty();
        }
        List<Set<PathId>> layers = new ArrayList<>();
        layer.forEach((app, index) -> {
            while (layers.size() <= index) {
                layers.add(new TreeSet<>());
            }
            layers.get(index).add(app);
        });
        return Optional.of(layers);
    }
}
