-- Where each account's app password lives (OS keyring, or this session's memory only), and
-- the certificates a person chose to trust for a server (SHA-256 of the exact certificate).

ALTER TABLE accounts ADD COLUMN secret_storage TEXT NOT NULL DEFAULT 'keyring'
    CHECK (secret_storage IN ('keyring', 'session'));

CREATE TABLE trusted_certificates (
    server_url  TEXT PRIMARY KEY NOT NULL,
    fingerprint TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
