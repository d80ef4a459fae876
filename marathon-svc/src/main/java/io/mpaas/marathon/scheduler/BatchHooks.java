package io.mpaas.marathon.scheduler;

import java.util.function.BooleanSupplier;

/**
 * What runs at the end of every batch of the scheduler loop, in this order: running deployments
 * move on, apps that no deployment owns are scale-checked, readiness checks are started for new
 * running instances, and offers are revived or suppressed. Until the new leader has reconciled,
 * nothing here acts (it would launch or kill on a stale picture).
 */
public final class BatchHooks {

    public BatchHooks(SchedulerLoop loop, DeploymentRunner deployments, AppCommands commands, OfferHandler offers,
            ReadinessWatch readiness, BooleanSupplier mayAct) {
        loop.afterEachBatch(work -> {
            if (!mayAct.getAsBoolean()) {
                return;
            }
            deployments.progress(work);
            commands.scaleCheck(work, work.touchedApps(), deployments.lockedApps());
            readiness.watch(work.touchedApps());
            offers.reviveOrSuppress(work);
        });
        loop.start();
    }
}
