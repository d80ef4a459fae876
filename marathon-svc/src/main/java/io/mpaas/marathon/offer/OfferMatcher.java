package io.mpaas.marathon.offer;

import io.mpaas.marathon.app.PathId;
import io.mpaas.marathon.instance.AgentInfo;
import io.mpaas.marathon.instance.Instance;
import io.mpaas.protocol.marathon.App;
import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.TaskInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedCollection;
import java.util.Set;

/**
 * Decides what one Mesos offer launches: Marathon's offer matching (reference §5.4).
 *
 * <p>The waiting instances are tried in the order given (the launch queue's order). Each one
 * that fits takes its cpus, mem, disk, gpus and host ports out of what is left of the offer,
 * so later ones see less, and counts as placed for the constraints of the next ones; at most
 * {@link OfferMatchSettings#maxInstancesPerOffer()} are launched. Only resources allocated to
 * the app's role and reserved for one of its accepted roles are used ({@code *} = unreserved).
 * Once an app definition did not fit, its further instances are skipped for this offer: they
 * would fail the same way, and it keeps the rejection count at one per offer and reason.
 *
 * <p>Deciding only: nothing is persisted or sent. The caller stores the provisioned instances,
 * then accepts the offer with the tasks (or declines it when nothing launched). Not thread-safe
 * for one offer, but offers may be matched concurrently as long as the caller keeps two of
 * them from launching the same instance.
 */
public final class OfferMatcher {

    private final OfferMatchSettings settings;
    private final Clock clock;
    private final AgentAttributes agents = new AgentAttributes();
    private final ConstraintEvaluator constraints = new ConstraintEvaluator(agents);
    private final TaskFactory tasks = new TaskFactory();

    public OfferMatcher(OfferMatchSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Matches one offer.
     *
     * @param waiting instances waiting for an offer, in launch order
     * @param placed  active instances of all apps (where they run decides constraints)
     */
    public MatchResult match(Offer offer, SequencedCollection<LaunchRequest> waiting, Collection<Instance> placed) {
        agents.remember(offer);
        AgentInfo agent = AgentInfo.of(offer);
        AgentFacts here = new AgentFacts(agent);
        ResourcePool pool = ResourcePool.of(offer);
        // Built when an app with constraints needs it: copying every instance for every offer cost more
        // than the matching itself (200 offers a second, 10,000 instances).
        List<Instance> occupied = null;
        List<Launch> launches = new ArrayList<>();
        Map<PathId, Set<RejectionReason>> rejected = new LinkedHashMap<>();
        Set<App> didNotFit = new HashSet<>();
        for (LaunchRequest request : waiting) {
            if (launches.size() >= settings.maxInstancesPerOffer()) {
                break;
            }
            App app = request.app();
            if (didNotFit.contains(app)) {
                continue;
            }
            PortLayout layout = PortLayout.of(app);
            ResourcePool.Fit fit = pool.fit(demand(app, layout), roles(app));
            Set<RejectionReason> reasons = EnumSet.noneOf(RejectionReason.class);
            reasons.addAll(fit.shortfalls());
            if (app.constraints() != null && !app.constraints().isEmpty()) {
                if (occupied == null) {
                    occupied = new ArrayList<>(placed);
                    for (Launch earlier : launches) {
                        occupied.add(earlier.provisioned());
                    }
                }
                if (!constraints.unmet(app, here, occupied).isEmpty()) {
                    reasons.add(RejectionReason.UNFULFILLED_CONSTRAINT);
                }
            }
            if (!reasons.isEmpty()) {
                didNotFit.add(app);
                rejected.computeIfAbsent(request.appId(), id -> new LinkedHashSet<>()).addAll(reasons);
                continue;
            }
            Launch launch = launch(request, offer, agent, fit, layout);
            launches.add(launch);
            if (occupied != null) {
                occupied.add(launch.provisioned());
            }
            pool = fit.rest();
        }
        Map<PathId, Map<String, Integer>> rejections = new LinkedHashMap<>();
        rejected.forEach((id, reasons) -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            reasons.stream().sorted().forEach(r -> counts.put(r.marathonName(), 1));
            rejections.put(id, counts);
        });
        return new MatchResult(launches, rejections);
    }

    /** The agent facts from offers, for instances stored without their own (see {@link AgentAttributes}). */
    public AgentAttributes agentAttributes() {
        return agents;
    }

    private Launch launch(LaunchRequest request, Offer offer, AgentInfo agent, ResourcePool.Fit fit,
            PortLayout layout) {
        Instance instance = request.instance();
        int incarnation = instance.incarnation() + 1;
        String taskId = instance.instanceId() + "._app." + incarnation;
        TaskInfo task = tasks.build(request.app(), taskId, offer, fit.taken(), fit.hostPorts());
        // The agent's facts go with the instance: constraints count it by them, on this leader and the next.
        Instance provisioned = instance.provisioned(taskId, incarnation, agent, fit.hostPorts(),
                layout.servicePorts(), role(request.app()), clock.instant());
        return new Launch(provisioned, task);
    }

    private static ResourcePool.Demand demand(App app, PortLayout layout) {
        return new ResourcePool.Demand(
                app.cpus() == null ? 1.0 : app.cpus(),
                app.mem() == null ? 128.0 : app.mem(),
                app.disk() == null ? 0.0 : app.disk(),
                app.gpus() == null ? 0 : app.gpus(),
                layout.requestedHostPorts());
    }

    private ResourcePool.RoleFilter roles(App app) {
        List<String> accepted = app.acceptedResourceRoles() == null || app.acceptedResourceRoles().isEmpty()
                ? settings.defaultAcceptedResourceRoles() : app.acceptedResourceRoles();
        return new ResourcePool.RoleFilter(role(app), Set.copyOf(accepted));
    }

    /** The role the app's tasks run in: its own, else marathon's. */
    private String role(App app) {
        return app.role() == null || app.role().isBlank() ? settings.frameworkRole() : app.role();
    }
}
