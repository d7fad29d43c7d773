-- Passerelle's first schema: settings, profiles, accounts, tour progress.
-- Accounts never hold a password or token: secrets live in the OS keyring.

CREATE TABLE app_settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE profiles (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT
) STRICT;

CREATE TABLE accounts (
    id           INTEGER PRIMARY KEY,
    profile_id   INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    server_url   TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    login_name   TEXT,
    display_name TEXT,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    UNIQUE (profile_id, server_url, user_id)
) STRICT;

-- One row per profile x account x tour x step. account_id is NULL for steps read offline
-- before any account exists.
CREATE TABLE tour_progress (
    id            INTEGER PRIMARY KEY,
    profile_id    INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    account_id    INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    tour_id       TEXT NOT NULL,
    step_id       TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('seen', 'done', 'skipped')),
    evidence      TEXT,
    first_seen_at TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX tour_progress_key
    ON tour_progress (profile_id, ifnull(account_id, 0), tour_id, step_id);
