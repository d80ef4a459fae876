package io.mpaas.master.operator;

import io.mpaas.protocol.mesos.master.OperatorCall;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Mesos's {@code validation::master::call::validate}: the type is known and the body field its
 * type needs is there. The message names the missing or unknown field.
 */
final class OperatorCallValidator {

    private OperatorCallValidator() {
    }

    static Optional<String> validate(JsonNode body, OperatorCall call) {
        if (call.type() == null) {
            JsonNode type = body.get("type");
            if (type != null && !type.isNull()) {
                return Optional.of("Unknown call type '" + (type.isString() ? type.asString() : type.toString())
                        + "'");
            }
            return Optional.of("Expecting 'type' to be present");
        }
        return switch (call.type()) {
            case GET_METRICS -> require(call.getMetrics(), "get_metrics");
            case UPDATE_WEIGHTS -> require(call.updateWeights(), "update_weights");
            case UPDATE_MAINTENANCE_SCHEDULE -> require(call.updateMaintenanceSchedule(), "update_maintenance_schedule")
                    .or(() -> require(call.updateMaintenanceSchedule().schedule(),
                            "update_maintenance_schedule.schedule"));
            case UPDATE_QUOTA -> require(call.updateQuota(), "update_quota");
            case SET_QUOTA -> require(call.setQuota(), "set_quota")
                    .or(() -> require(call.setQuota().quotaRequest(), "set_quota.quota_request"));
            case REMOVE_QUOTA -> require(call.removeQuota(), "remove_quota")
                    .or(() -> require(call.removeQuota().role(), "remove_quota.role"));
            case TEARDOWN -> require(call.teardown(), "teardown")
                    .or(() -> require(call.teardown().frameworkId(), "teardown.framework_id"));
            case MARK_AGENT_GONE -> require(call.markAgentGone(), "mark_agent_gone")
                    .or(() -> require(call.markAgentGone().agentId(), "mark_agent_gone.agent_id"));
            default -> Optional.empty();
        };
    }

    private static Optional<String> require(Object field, String name) {
        return field == null ? Optional.of("Expecting '" + name + "' to be present") : Optional.empty();
    }
}
