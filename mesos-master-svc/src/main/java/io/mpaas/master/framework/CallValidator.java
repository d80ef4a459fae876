package io.mpaas.master.framework;

import io.mpaas.protocol.mesos.FrameworkInfo;
import io.mpaas.protocol.mesos.scheduler.Call;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Mesos's checks of a scheduler call before anything is done with it: the body field that the
 * type names must be there, with its required fields. A failure is answered 400 with
 * "Failed to validate scheduler::Call: " and the message.
 */
public final class CallValidator {

    private CallValidator() {
    }

    public static Optional<String> validate(Call call) {
        if (call.type() == null || call.type() == Call.Type.UNKNOWN) {
            return Optional.of("Expecting 'type' to be present");
        }
        if (call.type() == Call.Type.SUBSCRIBE) {
            return validateSubscribe(call);
        }
        if (call.frameworkId() == null) {
            return Optional.of("Expecting 'framework_id' to be present");
        }
        return switch (call.type()) {
            case TEARDOWN, REVIVE, SUPPRESS, REQUEST, ACKNOWLEDGE_OPERATION_STATUS, RECONCILE_OPERATIONS ->
                    call.type() == Call.Type.REQUEST && call.request() == null
                            ? missing("request") : Optional.empty();
            case ACCEPT -> call.accept() == null ? missing("accept") : Optional.empty();
            case DECLINE -> call.decline() == null ? missing("decline") : Optional.empty();
            case ACCEPT_INVERSE_OFFERS -> call.acceptInverseOffers() == null ? missing("accept_inverse_offers")
                    : Optional.empty();
            case DECLINE_INVERSE_OFFERS -> call.declineInverseOffers() == null ? missing("decline_inverse_offers")
                    : Optional.empty();
            case KILL -> call.kill() == null ? missing("kill")
                    : call.kill().taskId() == null ? missing("kill.task_id") : Optional.empty();
            case SHUTDOWN -> call.shutdown() == null ? missing("shutdown")
                    : call.shutdown().executorId() == null ? missing("shutdown.executor_id")
                    : call.shutdown().agentId() == null ? missing("shutdown.agent_id") : Optional.empty();
            case ACKNOWLEDGE -> validateAcknowledge(call.acknowledge());
            case RECONCILE -> validateReconcile(call.reconcile());
            case MESSAGE -> call.message() == null ? missing("message")
                    : call.message().agentId() == null ? missing("message.agent_id")
                    : call.message().executorId() == null ? missing("message.executor_id")
                    : call.message().data() == null ? missing("message.data") : Optional.empty();
            case UPDATE_FRAMEWORK -> validateUpdateFramework(call);
            case SUBSCRIBE, UNKNOWN -> Optional.of("Expecting 'type' to be present");
        };
    }

    private static Optional<String> missing(String field) {
        return Optional.of("Expecting '" + field + "' to be present");
    }

    private static Optional<String> validateSubscribe(Call call) {
        if (call.subscribe() == null) {
            return missing("subscribe");
        }
        FrameworkInfo info = call.subscribe().frameworkInfo();
        if (info == null) {
            return missing("subscribe.framework_info");
        }
        if (call.frameworkId() != null && !call.frameworkId().equals(info.id())) {
            return Optional.of("'framework_id' differs from 'subscribe.framework_info.id'");
        }
        Optional<String> error = validateFrameworkInfo(info);
        if (error.isPresent()) {
            return error;
        }
        return validateSuppressedRoles(info, call.subscribe().suppressedRoles());
    }

    private static Optional<String> validateUpdateFramework(Call call) {
        if (call.updateFramework() == null) {
            return missing("update_framework");
        }
        FrameworkInfo info = call.updateFramework().frameworkInfo();
        if (info == null) {
            return missing("update_framework.framework_info");
        }
        if (!call.frameworkId().equals(info.id())) {
            return Optional.of("'framework_id' differs from 'update_framework.framework_info.id'");
        }
        Optional<String> error = validateFrameworkInfo(info);
        return error.isPresent() ? error : validateSuppressedRoles(info, call.updateFramework().suppressedRoles());
    }

    /** FrameworkInfo's required fields and its roles. */
    static Optional<String> validateFrameworkInfo(FrameworkInfo info) {
        if (info.user() == null) {
            return missing("framework_info.user");
        }
        if (info.name() == null) {
            return missing("framework_info.name");
        }
        if (info.failoverTimeout() != null && (info.failoverTimeout() < 0 || info.failoverTimeout().isNaN()
                || info.failoverTimeout().isInfinite())) {
            return Optional.of("'framework_info.failover_timeout' must be a non-negative number of seconds");
        }
        boolean multiRole = info.hasCapability(FrameworkInfo.Capability.Type.MULTI_ROLE);
        if (multiRole && info.role() != null && !info.role().isEmpty()) {
            return Optional.of("'FrameworkInfo.role' must not be set when the framework has the MULTI_ROLE capability;"
                    + " use 'FrameworkInfo.roles'");
        }
        if (!multiRole && !info.roles().isEmpty()) {
            return Optional.of("'FrameworkInfo.roles' is set but the framework lacks the MULTI_ROLE capability");
        }
        for (String role : info.effectiveRoles()) {
            Optional<String> error = RoleNames.validate(role);
            if (error.isPresent()) {
                return error;
            }
        }
        if (info.effectiveRoles().size() != info.effectiveRoles().stream().distinct().count()) {
            return Optional.of("'FrameworkInfo.roles' contains duplicate entries");
        }
        return Optional.empty();
    }

    private static Optional<String> validateSuppressedRoles(FrameworkInfo info, List<String> suppressed) {
        for (String role : suppressed) {
            if (!info.effectiveRoles().contains(role)) {
                return Optional.of("Suppressed role '" + role + "' is not one of the framework's roles "
                        + info.effectiveRoles());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> validateAcknowledge(Call.Acknowledge ack) {
        if (ack == null) {
            return missing("acknowledge");
        }
        if (ack.agentId() == null) {
            return missing("acknowledge.agent_id");
        }
        if (ack.taskId() == null) {
            return missing("acknowledge.task_id");
        }
        if (ack.uuid() == null) {
            return missing("acknowledge.uuid");
        }
        try {
            if (Base64.getDecoder().decode(ack.uuid()).length != 16) {
                return Optional.of("'acknowledge.uuid' is not a valid UUID (16 bytes, base64)");
            }
        } catch (IllegalArgumentException e) {
            return Optional.of("'acknowledge.uuid' is not valid base64");
        }
        return Optional.empty();
    }

    private static Optional<String> validateReconcile(Call.Reconcile reconcile) {
        if (reconcile == null) {
            return missing("reconcile");
        }
        for (Call.Reconcile.ReconcileTask task : reconcile.tasks()) {
            if (task == null || task.taskId() == null) {
                return missing("reconcile.tasks[].task_id");
            }
        }
        return Optional.empty();
    }
}
