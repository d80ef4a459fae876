package io.mpaas.marathon.instance;

/** What marathon wants of an instance; deployments set it, the scheduler brings the condition in line. */
public enum Goal {
    /** Keep it running; replace it if it ends. */
    RUNNING,
    /** Kill it and forget it once it is terminal (scale down, app removed, replaced by a new version). */
    DECOMMISSIONED
}
