-- Routes (docs/decisions/0053): an operator sends events to integrations by what the events say
-- (source, type, one data field), instead of or besides the producer naming the integration.
-- The targets are integration ids; a target that does not exist or is retired is skipped and
-- counted at ingest, so no foreign key (an array cannot carry one anyway).
CREATE TABLE routes (
    id          text        PRIMARY KEY,
    name        text        NOT NULL,
    source      text,
    types       text[]      NOT NULL DEFAULT '{}',
    field       text,
    field_value text,
    targets     text[]      NOT NULL CHECK (cardinality(targets) > 0),
    enabled     boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((field IS NULL) = (field_value IS NULL))
);

-- One row, bumped in the transaction of every route change: each gateway instance reads it every
-- convgate.routes.poll-interval and reloads its route table when it moved.
CREATE TABLE routes_version (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version   bigint  NOT NULL
);
INSERT INTO routes_version (singleton, version) VALUES (true, 0);
