-- One row per Hyros account convgate delivers to.
CREATE TABLE integrations (
    id                  text        PRIMARY KEY,
    name                text        NOT NULL,
    hyros_api_key       text        NOT NULL,
    status              text        NOT NULL DEFAULT 'ACTIVE'
                                    CHECK (status IN ('ACTIVE', 'PAUSED', 'AUTH_FAILED')),
    requests_per_second integer     CHECK (requests_per_second > 0),
    requests_per_minute integer     CHECK (requests_per_minute > 0),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

-- The idempotency ledger: one row per delivery, keyed by integration and idempotency key
-- (the sale id for sales and refunds, the event id otherwise).
CREATE TABLE delivery_ledger (
    integration_id   text        NOT NULL,
    idempotency_key  text        NOT NULL,
    event_id         text        NOT NULL,
    event_type       text        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('CLAIMED', 'DELIVERED', 'DEAD_LETTERED')),
    attempts         integer     NOT NULL DEFAULT 0,
    in_doubt_count   integer     NOT NULL DEFAULT 0,
    last_http_status integer,
    hyros_request_id text,
    last_error       text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    delivered_at     timestamptz,
    PRIMARY KEY (integration_id, idempotency_key)
);

CREATE INDEX delivery_ledger_state_updated ON delivery_ledger (state, updated_at);
