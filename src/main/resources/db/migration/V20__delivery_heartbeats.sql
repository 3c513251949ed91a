-- Each integration's newest delivery, as the instances that delivered it last saw it: written
-- from memory every convgate.metrics.integrations-interval (a minute), read at start-up to give
-- every integration its heartbeat gauge without reading the ledger (decision 0057). A row may be up
-- to one interval older than the ledger's newest delivered_at.
CREATE TABLE IF NOT EXISTS delivery_heartbeats (
    integration_id text        PRIMARY KEY,
    delivered_at   timestamptz NOT NULL
);
