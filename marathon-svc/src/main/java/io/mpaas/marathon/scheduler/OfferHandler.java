package io.mpaas.marathon.scheduler;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.framework.MesosCalls;
import io.mpaas.marathon.instance.InstanceTracker;
import io.mpaas.marathon.launch.LaunchQueue;
import io.mpaas.marathon.launch.OfferStats;
import io.mpaas.marathon.offer.Launch;
import io.mpaas.marathon.offer.LaunchRequest;
import io.mpaas.marathon.offer.MatchResult;
import io.mpaas.marathon.offer.OfferMatcher;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.OfferId;
import io.mpaas.protocol.mesos.TaskInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Turns offers into launches: the waiting instances are matched against each offer, the
 * provisioned instances stored, and only then the offer accepted. Unused offers are declined
 * with a short filter while instances wait, a long one when nothing does; offers are suppressed
 * when nothing is scheduled and revived as soon as something is.
 */
public final class OfferHandler {

    private final InstanceTracker tracker;
    private final InstanceUpdates updates;
    private final LaunchQueue queue;
    private final OfferMatcher matcher;
    private final OfferStats stats;
    private final MesosCalls mesos;
    private final LaunchProperties properties;
    private final BooleanSupplier mayLaunch;
    private final Clock clock;
    private boolean suppressed;
    private boolean scheduledBefore;
    private Instant lastOfferOrRevive = Instant.MIN;

    /**
     * While instances wait and no offer came for this long since the last REVIVE, REVIVE again (Marathon's
     * {@code --min_revive_offers_interval}, 5 s): a REVIVE lost on the way (sent while the subscription was
     * being made, or failed) must not leave instances waiting for offers the master will never send.
     */
    static final Duration REVIVE_REPEAT = Duration.ofSeconds(5);

    /**
     * @param mayLaunch false while a new leader reconciles: nothing launches before it knows its tasks
     */
    public OfferHandler(InstanceTracker tracker, InstanceUpdates updates, LaunchQueue queue, OfferMatcher matcher,
            OfferStats stats, MesosCalls mesos, LaunchProperties properties, BooleanSupplier mayLaunch,
            Clock clock) {
        this.tracker = tracker;
        this.updates = updates;
        this.queue = queue;
        this.matcher = matcher;
        this.stats = stats;
        this.mesos = mesos;
        this.properties = properties;
        this.mayLaunch = mayLaunch;
        this.clock = clock;
    }

    public void onOffers(UnitOfWork work, List<Offer> offers) {
        suppressed = false;
        lastOfferOrRevive = clock.instant();
        if (!mayLaunch.getAsBoolean()) {
            declineAll(work, offers, properties.unusedRefuse());
            return;
        }
        List<LaunchQueue.Waiting> waiting = queue.launchable();
        if (waiting.isEmpty()) {
            declineAll(work, offers, queue.hasScheduled() ? properties.unusedRefuse() : properties.declineRefuse());
            return;
        }
        // In launch order, by instance id, and how many wait per app (in order of their first instance): an
        // offer takes what it launches out in O(launches), not O(waiting), as 200 offers a second may.
        SequencedMap<String, LaunchRequest> requests = new LinkedHashMap<>();
        Map<PathId, Integer> waitingPerApp = new LinkedHashMap<>();
        for (LaunchQueue.Waiting w : waiting) {
            requests.put(w.instance().instanceId(), new LaunchRequest(w.app(), w.instance()));
            waitingPerApp.merge(w.instance().appId(), 1, Integer::sum);
        }
        Instant now = clock.instant();
        List<OfferId> unused = new ArrayList<>();
        for (Offer offer : offers) {
            if (requests.isEmpty()) {
                unused.add(offer.id());
                continue;
            }
            MatchResult result = matcher.match(offer, requests.sequencedValues(), tracker.all());
            recordStats(waitingPerApp.keySet(), offer, result, now);
            if (result.launches().isEmpty()) {
                unused.add(offer.id());
                continue;
            }
            List<TaskInfo> tasks = new ArrayList<>();
            for (Launch launch : result.launches()) {
                updates.put(work, launch.provisioned());
                requests.remove(launch.provisioned().instanceId());
                waitingPerApp.computeIfPresent(launch.provisioned().appId(), (app, n) -> n > 1 ? n - 1 : null);
                tasks.add(launch.task());
            }
            double refuse = properties.unusedRefuse().toMillis() / 1000.0;
            work.afterCommit(() -> mesos.accept(offer.id(), List.of(Offer.Operation.launch(tasks)), refuse));
        }
        if (!unused.isEmpty()) {
            double refuse = properties.unusedRefuse().toMillis() / 1000.0;
            work.afterCommit(() -> mesos.decline(unused, refuse));
        }
    }

    /** Per app that waited for this offer: used it, or why not. */
    private void recordStats(Collection<PathId> waitingApps, Offer offer, MatchResult result, Instant now) {
        Set<PathId> used = new HashSet<>();
        result.launches().forEach(l -> used.add(l.provisioned().appId()));
        used.forEach(app -> stats.used(app, now));
        for (PathId app : waitingApps) {
            if (used.contains(app)) {
                continue;
            }
            Map<String, Integer> reasons = result.rejections().getOrDefault(app, Map.of());
            stats.rejected(app, offer, reasons, now);
        }
    }

    private void declineAll(UnitOfWork work, List<Offer> offers, Duration refuse) {
        if (offers.isEmpty()) {
            return;
        }
        List<OfferId> ids = offers.stream().map(Offer::id).toList();
        double seconds = refuse.toMillis() / 1000.0;
        work.afterCommit(() -> mesos.decline(ids, seconds));
    }

    /**
     * Run after every batch: revives offers when instances became scheduled (or the framework had
     * suppressed them, or they wait and no offer came for {@link #REVIVE_REPEAT}), suppresses them when
     * none are. Cheap when nothing changed.
     */
    public void reviveOrSuppress(UnitOfWork work) {
        boolean scheduledNow = queue.hasScheduled();
        Instant now = clock.instant();
        boolean starved = scheduledNow && !now.isBefore(lastOfferOrRevive.plus(REVIVE_REPEAT));
        if (scheduledNow && (!scheduledBefore || suppressed || starved)) {
            suppressed = false;
            lastOfferOrRevive = now;
            work.afterCommit(mesos::revive);
        } else if (!scheduledNow && !suppressed) {
            suppressed = true;
            work.afterCommit(mesos::suppress);
        }
        scheduledBefore = scheduledNow;
    }
}
