package io.mpaas.agent.health;

import io.mpaas.agent.container.ContainerHandle;
import io.mpaas.agent.task.HealthWatch;
import io.mpaas.protocol.mesos.HealthCheck;
import io.mpaas.protocol.mesos.TaskId;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** The agent's health checks: {@link HealthCheckSpec} validates, a {@link HealthChecker} per task runs them. */
@Component
class AgentHealthChecks implements HealthWatch {

    private final Clock clock;

    AgentHealthChecks(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void validate(HealthCheck check) {
        try {
            HealthCheckSpec.from(check);
        } catch (InvalidHealthCheckException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public Running start(TaskId task, HealthCheck check, ContainerHandle container, Listener listener) {
        HealthCheckSpec spec;
        try {
            spec = HealthCheckSpec.from(check);
        } catch (InvalidHealthCheckException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        HealthChecker checker = HealthChecker.start(task, spec, container, clock, new HealthListener() {
            @Override
            public void healthChanged(boolean healthy, String message) {
                listener.healthChanged(healthy, message);
            }

            @Override
            public void unhealthy(String message) {
                listener.unhealthy(message);
            }
        });
        return checker::stop;
    }
}
