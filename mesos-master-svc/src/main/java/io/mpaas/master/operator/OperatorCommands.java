package io.mpaas.master.operator;

import io.mpaas.protocol.mesos.master.OperatorCall;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Carries out the operator API's calls that change the cluster: UPDATE_WEIGHTS, UPDATE_QUOTA (and
 * the deprecated SET_QUOTA and REMOVE_QUOTA), UPDATE_MAINTENANCE_SCHEDULE, TEARDOWN and
 * MARK_AGENT_GONE. Each answers 200 with an empty body once applied, as in Mesos.
 */
@Component
public class OperatorCommands {

    /** The calls carried out here; each needs an authenticated operator. */
    static final Set<OperatorCall.Type> SUPPORTED = EnumSet.of(OperatorCall.Type.UPDATE_WEIGHTS,
            OperatorCall.Type.UPDATE_QUOTA, OperatorCall.Type.SET_QUOTA, OperatorCall.Type.REMOVE_QUOTA,
            OperatorCall.Type.UPDATE_MAINTENANCE_SCHEDULE, OperatorCall.Type.TEARDOWN,
            OperatorCall.Type.MARK_AGENT_GONE);

    private final WeightUpdater weights;
    private final QuotaUpdater quotas;
    private final MaintenanceUpdater maintenance;
    private final FrameworkTeardown teardown;
    private final AgentGoneMarker agents;

    public OperatorCommands(WeightUpdater weights, QuotaUpdater quotas, MaintenanceUpdater maintenance,
            FrameworkTeardown teardown, AgentGoneMarker agents) {
        this.weights = weights;
        this.quotas = quotas;
        this.maintenance = maintenance;
        this.teardown = teardown;
        this.agents = agents;
    }

    /** Carries out a validated call of a {@link #SUPPORTED} type on behalf of {@code principal}. */
    public void carryOut(OperatorCall call, String principal) {
        switch (call.type()) {
            case UPDATE_WEIGHTS -> weights.update(call.updateWeights().weightInfos());
            case UPDATE_QUOTA -> quotas.update(call.updateQuota().quotaConfigs(), call.updateQuota().isForced());
            case SET_QUOTA -> quotas.set(call.setQuota().quotaRequest());
            case REMOVE_QUOTA -> quotas.remove(call.removeQuota().role(), null);
            case UPDATE_MAINTENANCE_SCHEDULE -> maintenance.update(call.updateMaintenanceSchedule().schedule());
            case TEARDOWN -> teardown.teardown(call.teardown().frameworkId(), principal);
            case MARK_AGENT_GONE -> agents.markGone(call.markAgentGone().agentId());
            default -> throw new IllegalArgumentException("not a command: " + call.type());
        }
    }
}
