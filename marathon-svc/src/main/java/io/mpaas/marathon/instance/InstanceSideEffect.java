package io.mpaas.marathon.instance;

/** What the caller must do after storing the new instance state (Aurora's side effects). */
public sealed interface InstanceSideEffect {

    /** Send a KILL for the instance's task. */
    record KillTask(String taskId, String agentId) implements InstanceSideEffect {
    }

    /** The instance is gone for good: forget it ({@code last} is its final state, for events and failures). */
    record Expunge(Instance last) implements InstanceSideEffect {
    }

    /** The task failed: raise the launch backoff of its app version. */
    record RaiseBackoff(Instance instance) implements InstanceSideEffect {
    }

    /** The condition changed: publish {@code instance_changed_event}. */
    record ConditionChanged(Instance instance) implements InstanceSideEffect {
    }

    /** The agent-reported health changed: publish {@code instance_health_changed_event}. */
    record HealthChanged(Instance instance, Boolean healthy) implements InstanceSideEffect {
    }
}
