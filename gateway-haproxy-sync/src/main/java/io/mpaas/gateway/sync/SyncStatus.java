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

    /**
     * One reload as the API shows it.
     *
     * @param reason which backends or frontends asked for it
     */
    public record ReloadRecord(Instant at, boolean confirmed, int attempts, long millis, String message,
            String reason) {
    }
}
