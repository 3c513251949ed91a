-- Keys are put to Hyros (GET /user-info) when given (decision 0028). An integration whose key Hyros
-- could not be asked about is held as KEY_UNCHECKED until it answers.
ALTER TABLE integrations DROP CONSTRAINT integrations_status_check;
ALTER TABLE integrations ADD CONSTRAINT integrations_status_check
    CHECK (status IN ('ACTIVE', 'PAUSED', 'AUTH_FAILED', 'RETIRED', 'KEY_UNCHECKED'));
-- When Hyros last confirmed the key (null: not yet), and why it could not be asked.
ALTER TABLE integrations ADD COLUMN key_checked_at timestamptz;
ALTER TABLE integrations ADD COLUMN key_check_problem text;

-- The hash of the code a link completed, so a reload of the success page can say it completed.
ALTER TABLE connect_links ADD COLUMN code_hash bytea;
CREATE INDEX connect_links_by_code ON connect_links (code_hash) WHERE code_hash IS NOT NULL;
