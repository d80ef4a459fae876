package io.mpaas.agent.task;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the agent runs tasks.
 *
 * @param killGracePeriod between TERM and KILL when neither the KILL nor the task names a kill
 *     policy: Mesos's command executor default of 3 s, enough for a clean shutdown of most servers
 * @param stderrTailLines lines of stderr quoted in the message of a failed task
 * @param containerizerRecoveryWait how long, after an agent restart, the tasks of a containerizer that does not
 *     answer (a Docker engine that is down or restarting) keep their state while the agent waits for it; their
 *     containers usually run on. Only after this are they reported lost (Mesos: at once)
 */
@ConfigurationProperties("mesos.agent.tasks")
public record TaskProperties(
        @DefaultValue("3s") Duration killGracePeriod,
        @DefaultValue("10") int stderrTailLines,
        @DefaultValue("15m") Duration containerizerRecoveryWait) {
}
