-- Destinations as plug-ins (docs/decisions/0051): an integration names the kind of destination it
-- sends to; every integration before this one was a Hyros account. Settings are the kind's
-- non-secret settings, a JSON object of strings (Hyros has none). The key columns keep their names.
ALTER TABLE integrations ADD COLUMN destination text NOT NULL DEFAULT 'hyros';
ALTER TABLE integrations ADD COLUMN settings text;
