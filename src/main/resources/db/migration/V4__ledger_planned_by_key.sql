-- The outcome of a delivery is written by its key. Two things made PostgreSQL find those rows the
-- slow way (docs/decisions/0019):
-- 1. The (state, updated_at) index, which no query needs: the planner read the outcome update's
--    "state IN ('CLAIMED', 'PARKED')" through it, and every claim leaves an entry there that stays
--    until the next vacuum, so each update walked tens of thousands of them.
-- 2. A ledger without statistics: until autovacuum first analysed it, the planner chose a
--    sequential scan over the key. Analysing after 1,000 changes, not 10 % of the table, keeps a
--    young or fast-growing ledger planned by its primary key.
DROP INDEX IF EXISTS delivery_ledger_state_updated;
ALTER TABLE delivery_ledger SET (
    autovacuum_analyze_threshold = 1000,
    autovacuum_analyze_scale_factor = 0.02,
    autovacuum_vacuum_scale_factor = 0.05
);
