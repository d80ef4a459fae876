package io.mpaas.gateway.marathon;

import io.mpaas.protocol.marathon.AppInfo;
import java.util.List;
import java.util.Optional;

/**
 * What the marathon feed tells the sync. Calls come from one thread at a time, in the order marathon's
 * state was read: a snapshot replaces everything known; an app change replaces one app.
 */
public interface ClusterListener {

    /**
     * Every app with its tasks, readiness results and deployments, read after a (re)connect or by the
     * periodic resync.
     */
    void onSnapshot(List<AppInfo> apps);

    /** One app read again after an event about it; empty when marathon no longer has it. */
    void onAppChanged(String appId, Optional<AppInfo> app);

    /** The event stream broke; the feed is reconnecting. What was known stays routed meanwhile. */
    void onDisconnected(String reason);
}
