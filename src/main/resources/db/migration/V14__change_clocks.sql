-- Things that change (a call, a subscription, a cart): the business time of the newest change
-- delivered to Hyros, per integration and thing (the ordering key: call:<id>, subscription:<id>,
-- cart:<id>). A change older than it is stale: not sent, recorded STALE (decision 0043).
-- Written when Hyros accepts a change, so a newer change that failed or is in doubt never makes an
-- older one stale. One row per thing, whatever the number of its changes.
CREATE TABLE change_clocks (
    integration_id  text        NOT NULL,
    thing           text        NOT NULL,
    newest_time     timestamptz NOT NULL,
    idempotency_key text        NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (integration_id, thing)
);

-- A ledger row may end STALE: the change was older than one already delivered for its thing.
ALTER TABLE delivery_ledger DROP CONSTRAINT IF EXISTS delivery_ledger_state_check;
ALTER TABLE delivery_ledger ADD CONSTRAINT delivery_ledger_state_check
    CHECK (state IN ('CLAIMED', 'PARKED', 'DELIVERED', 'DEAD_LETTERED', 'STALE'));
