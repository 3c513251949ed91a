-- An integration can be retired (docs/decisions/0035): its row stays as a tombstone, so its id is
-- never reused and its ledger rows and dead letters keep their meaning, but its Hyros key is gone.
ALTER TABLE integrations DROP CONSTRAINT integrations_status_check;
ALTER TABLE integrations ADD CONSTRAINT integrations_status_check
    CHECK (status IN ('ACTIVE', 'PAUSED', 'AUTH_FAILED', 'RETIRED'));
ALTER TABLE integrations ADD COLUMN retired_at timestamptz;
ALTER TABLE integrations ADD COLUMN retired_by text;

-- A live integration has a key; a retired one has none, and says when it was retired.
ALTER TABLE integrations DROP CONSTRAINT integrations_has_key;
ALTER TABLE integrations ADD CONSTRAINT integrations_key_unless_retired CHECK (
    CASE WHEN status = 'RETIRED'
         THEN hyros_api_key IS NULL AND hyros_key_sealed IS NULL AND retired_at IS NOT NULL
         ELSE hyros_api_key IS NOT NULL OR hyros_key_sealed IS NOT NULL
    END);
