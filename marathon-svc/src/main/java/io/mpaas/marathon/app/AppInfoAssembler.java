package io.mpaas.marathon.app;

import io.mpaas.marathon.deployment.Deployer;
import io.mpaas.marathon.deployment.Deployer.DeploymentStatus;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.marathon.instance.InstanceView;
import io.mpaas.marathon.instance.TaskRenderer;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.marathon.AppInfo;
import io.mpaas.protocol.marathon.MarathonError.DeploymentRef;
import io.mpaas.protocol.marathon.MarathonTask;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link AppInfo}s of one request. Everything an embed needs is read once per request
 * (the running deployments) or from an index (the instances, which the tracker keeps by app), never
 * searched once per app, so that listing a thousand apps with their tasks stays one pass over the
 * instances.
 */
@Component
public class AppInfoAssembler {

    private static final Set<AppEmbed> NEED_INSTANCES = EnumSet.of(AppEmbed.TASKS, AppEmbed.COUNTS,
            AppEmbed.TASK_STATS);

    private final InstanceView instances;
    private final Deployer deployer;
    private final TaskFailureView failures;
    private final ReadinessView readiness;
    private final Clock clock;

    public AppInfoAssembler(InstanceView instances, Deployer deployer, TaskFailureView failures,
            ReadinessView readiness, Clock clock) {
        this.instances = instances;
        this.deployer = deployer;
        this.failures = failures;
        this.readiness = readiness;
        this.clock = clock;
    }

    /**
     * For many apps: each app's instances come from the tracker's index by app. (Indexing every instance
     * here instead cost two fifths of a {@code /v2/apps?embed=apps.counts} over 10,000 instances, which
     * the launch benchmark asks ten times a second.)
     */
    public View forMany(Set<AppEmbed> embeds) {
        return forOne(embeds);
    }

    /** For one app: only its instances are read. */
    public View forOne(Set<AppEmbed> embeds) {
        return new View(embeds, embeds.stream().anyMatch(NEED_INSTANCES::contains) ? instances::of : id -> List.of());
    }

    /** The data of one request, and the app infos built from it. */
    public final class View {

        private final Set<AppEmbed> embeds;
        private final Function<PathId, List<Instance>> instancesOf;
        private final Map<PathId, List<DeploymentRef>> deployments;
        private final Instant now;

        private View(Set<AppEmbed> embeds, Function<PathId, List<Instance>> instancesOf) {
            this.embeds = EnumSet.noneOf(AppEmbed.class);
            this.embeds.addAll(embeds);
            this.instancesOf = instancesOf;
            this.deployments = embeds.contains(AppEmbed.DEPLOYMENTS) ? deploymentsByApp() : Map.of();
            this.now = clock.instant();
        }

        public AppInfo info(App app) {
            return info(PathId.of(app.id()), app);
        }

        public AppInfo info(PathId id, App app) {
            List<Instance> list = instancesOf.apply(id);
            TaskCounts counts = embeds.contains(AppEmbed.COUNTS) ? TaskCounts.of(app, list) : null;
            return new AppInfo(app,
                    counts == null ? null : counts.staged(),
                    counts == null ? null : counts.running(),
                    counts == null ? null : counts.healthy(),
                    counts == null ? null : counts.unhealthy(),
                    embeds.contains(AppEmbed.DEPLOYMENTS) ? deployments.getOrDefault(id, List.of()) : null,
                    embeds.contains(AppEmbed.READINESS) ? List.copyOf(readiness.results(id)) : null,
                    embeds.contains(AppEmbed.TASKS) ? tasks(list) : null,
                    embeds.contains(AppEmbed.LAST_TASK_FAILURE) ? failures.lastFailure(id).orElse(null) : null,
                    embeds.contains(AppEmbed.TASK_STATS) ? TaskStatistics.of(app, list, now) : null);
        }

        private static List<MarathonTask> tasks(List<Instance> list) {
            List<MarathonTask> tasks = new ArrayList<>(list.size());
            for (Instance instance : list) {
                if (TaskRenderer.isTask(instance)) {
                    tasks.add(TaskRenderer.render(instance));
                }
            }
            return tasks;
        }
    }

    private Map<PathId, List<DeploymentRef>> deploymentsByApp() {
        Map<PathId, List<DeploymentRef>> result = new HashMap<>();
        for (DeploymentStatus status : deployer.running()) {
            DeploymentRef ref = new DeploymentRef(status.plan().id());
            for (PathId app : status.plan().affectedApps()) {
                result.computeIfAbsent(app, id -> new ArrayList<>()).add(ref);
            }
        }
        return result;
    }
}
