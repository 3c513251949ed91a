-- Retention (docs/decisions/0040): rows older than their table's setting are removed in small
-- batches, oldest first. Each table gets the index that finds its oldest rows without a scan.
--
-- The ledger's rows age by created_at (the key's first claim), which no update ever changes, so
-- this index leaves the outcome UPDATE a HOT update (decision 0019 removed an index on
-- updated_at for that reason). On a large existing ledger, build it first with
--   CREATE INDEX CONCURRENTLY IF NOT EXISTS delivery_ledger_by_age ON delivery_ledger (created_at);
-- so that this migration finds it and does not hold the table while it builds.
CREATE INDEX IF NOT EXISTS delivery_ledger_by_age ON delivery_ledger (created_at);
CREATE INDEX IF NOT EXISTS audit_log_by_time ON audit_log (at);
CREATE INDEX IF NOT EXISTS replay_jobs_finished ON replay_jobs (finished_at)
    WHERE finished_at IS NOT NULL;
-- A dead letter is removed only once no replay item refers to it (the items go with their job).
CREATE INDEX IF NOT EXISTS replay_items_by_dead_letter ON replay_items (dead_letter_id);
