-- The master's registry (Mesos's registry.proto, minus the parts this master does not use):
-- admitted agents and their standing, role weights, quotas, the maintenance schedule.
-- JSON columns hold wire types (MesosJson) so that new optional fields need no migration.
-- Portable between PostgreSQL and H2 in PostgreSQL mode (local mode only).

create table registry_agent (
    agent_id       varchar(255)   not null primary key,
    hostname       varchar(255)   not null,
    agent_info     varchar(1048576) not null,
    standing       varchar(16)    not null,
    admitted_at    timestamp with time zone not null,
    unreachable_at timestamp with time zone,
    version        bigint         not null
);

create index registry_agent_standing on registry_agent (standing);

create table registry_weight (
    role    varchar(255)     not null primary key,
    weight  double precision not null,
    version bigint           not null
);

create table registry_quota (
    role        varchar(255)     not null primary key,
    guarantee   varchar(1048576) not null,
    quota_limit varchar(1048576) not null,
    version     bigint           not null
);

create table registry_maintenance (
    id       integer          not null primary key,
    schedule varchar(1048576) not null,
    version  bigint           not null
);
