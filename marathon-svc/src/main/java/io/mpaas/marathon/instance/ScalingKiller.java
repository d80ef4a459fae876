package io.mpaas.marathon.instance;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.deployment.DeploymentPlan;
import io.mpaas.marathon.group.RootGroup;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Kills named instances as part of one deployment that lowers their apps' instance counts by as
 * many ({@code scale=true} on the task kill endpoints). A plain {@link Killer} cannot do this: the
 * scale-down must kill exactly these instances (Marathon's "sentenced" instances of a
 * ScaleApplication action), not whichever its kill order would pick.
 */
public interface ScalingKiller {

    /**
     * Deploys {@code change} (the lowered instance counts) with {@code sentenced} as the instances
     * each app's scale action kills first.
     *
     * @param sentenced instance ids per app
     * @throws io.mpaas.marathon.MarathonFailure as {@link io.mpaas.marathon.deployment.Deployer#deploy} does
     */
    DeploymentPlan killAndScale(BiFunction<RootGroup, Instant, RootGroup> change, Map<PathId, List<String>> sentenced,
            boolean force);
}
