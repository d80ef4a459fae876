-- The launch delay (backoff) of each app version that failed recently, so that a new leader keeps holding a
-- crash-looping version back instead of relaunching it at once. Written only when a delay changes; a row is
-- removed when its delay is reset or forgotten, or its app or version goes away. Portable between
-- PostgreSQL 15 and H2 in PostgreSQL mode, as V1.
create table marathon_launch_delay (
    app_id        varchar(1024)            not null,
    version       timestamp with time zone not null,
    -- the current backoff, which the next failure multiplies by the app's backoffFactor
    delay_millis  bigint                   not null,
    -- no instance of the version launches before this instant
    delayed_until timestamp with time zone not null,
    -- when the failure that set the delay happened; the delay is forgotten delay + maxLaunchDelay later
    last_failure  timestamp with time zone not null,
    primary key (app_id, version)
);
