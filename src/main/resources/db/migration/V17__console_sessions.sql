-- Console sessions (docs/console.md): a gateway key exchanged for a cookie. Only the SHA-256 of
-- the session token is kept; the key is named by id, so revoking the key ends its sessions.
CREATE TABLE console_sessions (
    token_hash  bytea       PRIMARY KEY,
    key_id      text        NOT NULL REFERENCES api_keys (id),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX console_sessions_by_expiry ON console_sessions (expires_at);
