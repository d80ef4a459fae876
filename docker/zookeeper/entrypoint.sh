#!/bin/sh
# Writes /conf/zoo.cfg from the environment (unless one is mounted there) and runs the
# ZooKeeper server in the foreground, logging to stdout.
set -eu
config=/conf/zoo.cfg
if [ ! -f "$config" ]; then
  {
    echo "tickTime=${ZOO_TICK_TIME:-2000}"
    echo "initLimit=${ZOO_INIT_LIMIT:-5}"
    echo "syncLimit=${ZOO_SYNC_LIMIT:-2}"
    echo "dataDir=/data"
    echo "dataLogDir=/datalog"
    echo "clientPort=2181"
    echo "maxClientCnxns=${ZOO_MAX_CLIENT_CNXNS:-60}"
    echo "autopurge.snapRetainCount=${ZOO_AUTOPURGE_SNAPRETAINCOUNT:-3}"
    echo "autopurge.purgeInterval=${ZOO_AUTOPURGE_PURGEINTERVAL:-24}"
    echo "4lw.commands.whitelist=${ZOO_4LW_COMMANDS_WHITELIST:-srvr,ruok}"
    # The AdminServer needs Jetty, which is not on this image's class path.
    echo "admin.enableServer=false"
    # The default metrics provider needs Dropwizard's metrics-core; without it, none.
    if ! ls /opt/zookeeper/lib/metrics-core-*.jar >/dev/null 2>&1; then
      echo "metricsProvider.className=org.apache.zookeeper.metrics.impl.NullMetricsProvider"
    fi
    # ZOO_SERVERS as in the official image: "server.1=zk1:2888:3888;2181 server.2=...".
    for server in ${ZOO_SERVERS:-}; do
      echo "$server"
    done
  } >"$config"
fi
if [ -n "${ZOO_SERVERS:-}" ] && [ ! -f /data/myid ]; then
  echo "${ZOO_MY_ID:-1}" >/data/myid
fi
exec java -Dlogback.configurationFile=/opt/zookeeper/conf/logback.xml \
  -Dzookeeper.admin.enableServer=false \
  -cp '/opt/zookeeper/lib/*' org.apache.zookeeper.server.quorum.QuorumPeerMain "$config"
