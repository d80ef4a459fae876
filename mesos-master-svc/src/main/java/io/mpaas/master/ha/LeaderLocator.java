package io.mpaas.master.ha;

import io.mpaas.protocol.mesos.MasterInfo;
import java.util.Optional;

/** Where the leading master is, as far as this master knows (itself when standalone). */
public interface LeaderLocator {

    Optional<MasterInfo> leader();
}
