package io.mpaas.gateway.sync;

import io.mpaas.protocol.gateway.AppProblem;
import io.mpaas.protocol.gateway.RoutingTable;
import java.time.Instant;
import java.util.List;

/**
 * What the gateway has done so far, for its API and health: the table HAProxy routes now, the problems
 * found, the configuration last written and the last reload's outcome.
 *
 * @param synced     whether a full read of marathon has been applied; the gateway is ready from then on
 * @param routed     the table HAProxy has (apps that were refused are not in it)
 * @param problems   every problem of the latest desired table, and the apps left out
 * @param config     the configuration text last written
 * @param lastReload the latest reload, null before the first
 * @param lastError  the latest failure to validate, write, reload or change servers, null when none
 */
public record SyncStatus(boolean synced, RoutingTable routed, List<AppProblem> problems, String config,
        ReloadRecord lastReload, String lastError, Instant lastErrorAt, long reloads, long runtimeCommands,
        Instant lastAppliedAt) {

    public SyncStatus {
        problems = List.copyOf(problems);
    }

    static SyncStatus initial(String config) {
        return new SyncStatus(false, RoutingTable.EMPTY, List.of(), config, null, null, null, 0, 0, null);
    }

    /** Servers changed through the runtime API and written into {@code newConfig}. */
    SyncStatus runtimeApplied(RoutingTable newRouted, String newConfig, int commands, Instant at) {
        return new SyncStatus(synced, newRouted, problems, newConfig, lastReload, lastError, lastErrorAt, reloads,
                runtimeCommands + commands, at);
    }

    /** A round ended with HAProxy as it was planned (or waiting for a reload's turn): the apps are known. */
    SyncStatus published(List<AppProblem> newProblems, Instant at) {
        return new SyncStatus(true, routed, newProblems, config, lastReload, lastError, lastErrorAt, reloads,
                runtimeCommands, at);
    }

    /** A reload was confirmed: HAProxy routes {@code newRouted} from {@code newConfig}. */
    SyncStatus reloaded(RoutingTable newRouted, String newConfig, ReloadRecord reload, Instant at) {
        return new SyncStatus(true, newRouted, newRouted.problems(), newConfig, reload, lastError, lastErrorAt,
                reloads + 1, runtimeCommands, at);
    }

    /** A reload of {@code writtenConfig} was not confirmed: what was routed before still is. */
    SyncStatus reloadFailed(String writtenConfig, ReloadRecord reload, Instant at) {
        return new SyncStatus(synced, routed, problems, writtenConfig, reload, "reload: " + reload.message(), at,
                reloads, runtimeCommands, lastAppliedAt);
    }

    /** Something failed: {@code error} names the kind and says what. */
    SyncStatus failed(String error, Instant at) {
        return new SyncStatus(synced, routed, problems, config, lastReload, error, at, reloads, runtimeCommands,
                lastAppliedAt);
    }

    /**
     * One reload as the API shows it.
     *
     * @param reason which backends or frontends asked for it
     */
    public record ReloadRecord(Instant at, boolean confirmed, int attempts, long millis, String message,
            String reason) {
    }
}
