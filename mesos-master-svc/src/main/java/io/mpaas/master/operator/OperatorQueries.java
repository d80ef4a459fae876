package io.mpaas.master.operator;

import io.mpaas.protocol.mesos.master.OperatorCall;
import io.mpaas.protocol.mesos.master.OperatorResponse;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Answers the operator API's read calls from one snapshot each: GET_STATE and its parts, roles,
 * weights, quota, maintenance, master, flags, version, metrics and health. Calls this master does
 * not carry out answer empty, for the caller to refuse.
 */
@Component
public class OperatorQueries {

    private final StateReader reader;
    private final MasterFlags flags;
    private final MasterMetrics metrics;
    private final MasterBuild build;

    public OperatorQueries(StateReader reader, MasterFlags flags, MasterMetrics metrics, MasterBuild build) {
        this.reader = reader;
        this.flags = flags;
        this.metrics = metrics;
        this.build = build;
    }

    /** The answer to a read call, or empty when {@code call} is not a read call answered here. */
    public Optional<OperatorResponse> answer(OperatorCall call) {
        Object body = switch (call.type()) {
            case GET_HEALTH -> new OperatorResponse.GetHealth(true);
            case GET_FLAGS -> V1Assembler.flags(flags.flags());
            case GET_VERSION -> new OperatorResponse.GetVersion(build.versionInfo());
            case GET_METRICS -> V1Assembler.metrics(metrics.snapshot());
            case GET_STATE -> V1Assembler.state(reader.snapshot());
            case GET_AGENTS -> V1Assembler.agents(reader.snapshot());
            case GET_FRAMEWORKS -> V1Assembler.frameworks(reader.snapshot());
            case GET_EXECUTORS -> V1Assembler.executors(reader.snapshot());
            case GET_TASKS -> V1Assembler.tasks(reader.snapshot());
            case GET_ROLES -> V1Assembler.roles(reader.snapshot());
            // No operations (reservations, volumes) are carried out here, so none are pending.
            case GET_OPERATIONS -> new OperatorResponse.GetOperations(null);
            case GET_WEIGHTS -> V1Assembler.weights(reader.cluster().locked(() -> reader.cluster().weights()));
            case GET_MASTER -> V1Assembler.master(reader.snapshot());
            case GET_MAINTENANCE_SCHEDULE -> new OperatorResponse.GetMaintenanceSchedule(
                    reader.cluster().locked(() -> reader.cluster().maintenance()));
            case GET_MAINTENANCE_STATUS -> V1Assembler.maintenanceStatus(
                    reader.cluster().locked(() -> reader.cluster().maintenance()));
            case GET_QUOTA -> new OperatorResponse.GetQuota(
                    V1Assembler.quota(reader.cluster().locked(() -> reader.cluster().quotas())));
            default -> null;
        };
        return Optional.ofNullable(body).map(OperatorResponse::of);
    }
}
