-- Hyros keys sealed at rest (AES-256-GCM, docs/operations.md#secrets). The clear column stays
-- only so rows written before this version can be sealed at start-up; convgate never writes it.
ALTER TABLE integrations ALTER COLUMN hyros_api_key DROP NOT NULL;
ALTER TABLE integrations ADD COLUMN hyros_key_sealed text;
ALTER TABLE integrations ADD COLUMN key_updated_at timestamptz;
ALTER TABLE integrations ADD COLUMN account_email text;
ALTER TABLE integrations ADD COLUMN account_roles text;
ALTER TABLE integrations ADD CONSTRAINT integrations_has_key
    CHECK (hyros_api_key IS NOT NULL OR hyros_key_sealed IS NOT NULL);

-- The gateway's own API keys: only a SHA-256 of each is kept.
CREATE TABLE api_keys (
    id           text        PRIMARY KEY,
    key_hash     bytea       NOT NULL UNIQUE,
    name         text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('ALL', 'READ_ONLY', 'RESTRICTED')),
    permissions  text[]      NOT NULL DEFAULT '{}',
    owner_type   text        NOT NULL CHECK (owner_type IN ('PERSON', 'MACHINE')),
    owner        text        NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   text,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

-- One-time links that allow one browser to complete one Hyros connect-by-code.
CREATE TABLE connect_links (
    token_hash       bytea       PRIMARY KEY,
    integration_id   text        NOT NULL,
    integration_name text,
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    used_at          timestamptz
);

-- Every record of convgate.dead-letter, indexed so operators can filter, inspect and replay.
CREATE TABLE dead_letters (
    id               bigserial   PRIMARY KEY,
    dl_partition     integer     NOT NULL,
    dl_offset        bigint      NOT NULL,
    state            text        NOT NULL DEFAULT 'OPEN'
                                 CHECK (state IN ('OPEN', 'REPLAYING', 'REPLAYED', 'DISCARDED')),
    stage            text,
    reason_code      text,
    reason           text,
    http_status      integer,
    integration_id   text,
    event_id         text,
    event_type       text,
    idempotency_key  text,
    source_topic     text,
    source_partition integer,
    source_offset    bigint,
    record_key       bytea,
    payload          bytea,
    headers          jsonb       NOT NULL,
    dead_lettered_at timestamptz NOT NULL,
    replay_count     integer     NOT NULL DEFAULT 0,
    last_job_id      text,
    closed_at        timestamptz,
    closed_by        text,
    close_reason     text,
    -- A record read twice is indexed once. The time is part of the key because a topic that is
    -- deleted and created again starts its offsets from zero.
    UNIQUE (dl_partition, dl_offset, dead_lettered_at)
);
CREATE INDEX dead_letters_by_state_time ON dead_letters (state, dead_lettered_at);
CREATE INDEX dead_letters_by_integration ON dead_letters (integration_id, dead_lettered_at);
CREATE INDEX dead_letters_by_ledger_key ON dead_letters (integration_id, idempotency_key);

-- Replay jobs and what became of each dead letter they replayed.
CREATE TABLE replay_jobs (
    id           text        PRIMARY KEY,
    state        text        NOT NULL
                             CHECK (state IN ('RUNNING', 'SUCCEEDED', 'COMPLETED_WITH_FAILURES',
                                              'INTERRUPTED')),
    requested_by text        NOT NULL,
    request      jsonb       NOT NULL,
    total        integer     NOT NULL,
    created_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL,
    finished_at  timestamptz
);

CREATE TABLE replay_items (
    job_id         text        NOT NULL REFERENCES replay_jobs (id),
    dead_letter_id bigint      NOT NULL REFERENCES dead_letters (id),
    state          text        NOT NULL
                               CHECK (state IN ('PENDING', 'REPUBLISHED', 'DELIVERED', 'SKIPPED',
                                                'FAILED')),
    detail         text,
    republished    boolean     NOT NULL DEFAULT false,
    integration_id text,
    idempotency_key text,
    updated_at     timestamptz NOT NULL,
    PRIMARY KEY (job_id, dead_letter_id)
);
CREATE INDEX replay_items_open ON replay_items (state) WHERE state IN ('PENDING', 'REPUBLISHED');

-- Who did what through the admin API.
CREATE TABLE audit_log (
    id      bigserial   PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   text        NOT NULL,
    action  text        NOT NULL,
    target  text,
    detail  jsonb,
    outcome text        NOT NULL
);
