package io.mpaas.marathon.group;

import io.mpaas.marathon.app.PathId;
import io.mpaas.protocol.marathon.App;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable store of the root group and its history. Each app version is kept by (id, version);
 * a stored root refers to its apps' versions, so storing a root writes only the apps that changed.
 * At most {@code maxVersions} versions are kept per app and of the root (Marathon's
 * {@code --zk_max_versions}, 50); older ones are pruned, except those the current root or a stored
 * deployment still refers to.
 */
public interface GroupRepository {

    /** The current root; an empty root (version EPOCH) before anything was stored. */
    RootGroup root();

    /** Stores {@code root} as the current root (and as a version). */
    void store(RootGroup root);

    /** Stored root versions, newest first. */
    List<Instant> rootVersions();

    Optional<RootGroup> rootVersion(Instant version);

    /** Stored versions of one app, newest first; empty if the app never existed. */
    List<Instant> appVersions(PathId appId);

    Optional<App> appVersion(PathId appId, Instant version);
}
