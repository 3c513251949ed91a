-- Reading Hyros back (docs/decisions/0046, 0047): sync jobs, their cursor, the fingerprint of every
-- record published, the runs and the backfills.

-- One job per integration and resource. The cursor is (watermark, run_from, run_to, page_id):
-- watermark is the end of the last complete run; while a run is under way run_from/run_to are its
-- window and page_id the next page to read (null: its first page). A page's changes are published
-- before the cursor moves past it (at least once, decision 0047).
CREATE TABLE sync_jobs (
    integration_id      text        NOT NULL,
    resource            text        NOT NULL,
    interval_seconds    integer     NOT NULL,
    overlap_seconds     integer     NOT NULL,
    trailing_seconds    integer     NOT NULL,
    enabled             boolean     NOT NULL DEFAULT true,
    watermark           timestamptz,
    run_from            timestamptz,
    run_to              timestamptz,
    page_id             text,
    run_started_at      timestamptz,
    run_read            bigint      NOT NULL DEFAULT 0,
    run_published       bigint      NOT NULL DEFAULT 0,
    next_run_at         timestamptz NOT NULL DEFAULT now(),
    last_success_at     timestamptz,
    last_failure_at     timestamptz,
    last_error          text,
    failures_in_a_row   integer     NOT NULL DEFAULT 0,
    records_read        bigint      NOT NULL DEFAULT 0,
    records_published   bigint      NOT NULL DEFAULT 0,
    lease_owner         text,
    lease_until         timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (integration_id, resource)
);

-- The fingerprint last published per Hyros record: a record is published again only when it changed.
CREATE TABLE sync_records (
    integration_id  text        NOT NULL,
    resource        text        NOT NULL,
    hyros_id        text        NOT NULL,
    fingerprint     text        NOT NULL,
    first_seen_at   timestamptz NOT NULL DEFAULT now(),
    changed_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (integration_id, resource, hyros_id)
);

-- One row per finished run of a job or a backfill.
CREATE TABLE sync_runs (
    id              bigserial   PRIMARY KEY,
    integration_id  text        NOT NULL,
    resource        text        NOT NULL,
    backfill_id     text,
    window_from     timestamptz NOT NULL,
    window_to       timestamptz NOT NULL,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz NOT NULL DEFAULT now(),
    succeeded       boolean     NOT NULL,
    records_read    bigint      NOT NULL,
    published       bigint      NOT NULL,
    error           text
);
CREATE INDEX sync_runs_by_job ON sync_runs (integration_id, resource, finished_at DESC);

-- Backfills an operator asked for: the window (cut to Hyros' look-back) and a cursor like a job's.
CREATE TABLE sync_backfills (
    id                  text        PRIMARY KEY,
    integration_id      text        NOT NULL,
    resource            text        NOT NULL,
    requested_from      timestamptz NOT NULL,
    requested_to        timestamptz NOT NULL,
    window_from         timestamptz NOT NULL,
    window_to           timestamptz NOT NULL,
    state               text        NOT NULL,
    page_id             text,
    pages               integer     NOT NULL DEFAULT 0,
    records_read        bigint      NOT NULL DEFAULT 0,
    records_published   bigint      NOT NULL DEFAULT 0,
    requested_by        text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    started_at          timestamptz,
    finished_at         timestamptz,
    last_error          text,
    lease_owner         text,
    lease_until         timestamptz
);
CREATE INDEX sync_backfills_waiting ON sync_backfills (created_at) WHERE state IN ('PENDING', 'RUNNING');
