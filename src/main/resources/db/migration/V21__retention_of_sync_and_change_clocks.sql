-- Retention for the tables the read path and the change types added (decision 0040, addendum
-- 2026-12-06): each is trimmed oldest first through one of these indexes.
CREATE INDEX IF NOT EXISTS sync_runs_by_finish ON sync_runs (finished_at);
CREATE INDEX IF NOT EXISTS sync_records_by_change ON sync_records (changed_at);
CREATE INDEX IF NOT EXISTS change_clocks_by_update ON change_clocks (updated_at);
