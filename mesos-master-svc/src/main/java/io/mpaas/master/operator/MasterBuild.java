package io.mpaas.master.operator;

import io.mpaas.protocol.mesos.MasterInfo;
import io.mpaas.protocol.mesos.master.OperatorResponse;
import java.time.Instant;
import org.springframework.boot.info.BuildProperties;

/**
 * What {@code /state} and GET_VERSION say about the build. {@code version} is the Mesos release
 * whose APIs this master speaks (clients gate features on it), not our own artifact version; the
 * build date, time and user come from the build when it recorded them.
 */
record MasterBuild(String version, Instant time, String user) {

    static MasterBuild of(BuildProperties build) {
        if (build == null) {
            return new MasterBuild(MasterInfo.MESOS_VERSION, null, null);
        }
        return new MasterBuild(MasterInfo.MESOS_VERSION, build.getTime(), build.get("user"));
    }

    /** Mesos's {@code build_date}: {@code 2024-08-23 10:00:28}. */
    String date() {
        return time == null ? null : time.toString().replace('T', ' ').replaceAll("(\\.\\d+)?Z$", "");
    }

    OperatorResponse.VersionInfo versionInfo() {
        return new OperatorResponse.VersionInfo(version, date(), time == null ? null : V0Writer.seconds(time), user,
                null, null, null);
    }
}
