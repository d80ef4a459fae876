#!/bin/sh
# Runs once, when PostgreSQL initialises an empty data directory (official image and the
# local stand-in alike): POSTGRES_DB (mesos) holds the masters' registry; marathon's state
# gets a database of its own, owned by the same user.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE DATABASE marathon OWNER "$POSTGRES_USER";
SQL
