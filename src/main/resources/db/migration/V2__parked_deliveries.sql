-- Deliveries held back while their integration cannot take them (Hyros failing, key refused,
-- paused by an operator). Held durably so the Kafka offsets can move on for other integrations,
-- and released in seq order when the integration recovers.
ALTER TABLE delivery_ledger DROP CONSTRAINT delivery_ledger_state_check;
ALTER TABLE delivery_ledger ADD CONSTRAINT delivery_ledger_state_check
    CHECK (state IN ('CLAIMED', 'PARKED', 'DELIVERED', 'DEAD_LETTERED'));

CREATE TABLE parked_deliveries (
    integration_id  text        NOT NULL,
    seq             bigserial,
    idempotency_key text        NOT NULL,
    command         text        NOT NULL,
    reason          text        NOT NULL,
    parked_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (integration_id, seq),
    UNIQUE (integration_id, idempotency_key)
);
