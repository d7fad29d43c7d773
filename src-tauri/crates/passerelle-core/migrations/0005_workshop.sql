-- Workshops (issue #9): practice accounts created on a server by a trainer (so that clean-up
-- disables or deletes exactly those), named workshop plans, and participants' progress imported
-- from other laptops. No password is stored: generated passwords only go to the sign-in sheet.

-- One row per creation run (one CSV or count, on one server).
CREATE TABLE workshop_runs (
    id         INTEGER PRIMARY KEY,
    server_url TEXT NOT NULL,
    label      TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- Each account a run created; kept after clean-up with its final state, for the record.
CREATE TABLE workshop_accounts (
    id           INTEGER PRIMARY KEY,
    run_id       INTEGER NOT NULL REFERENCES workshop_runs(id) ON DELETE CASCADE,
    server_url   TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    display_name TEXT NOT NULL,
    email        TEXT,
    -- JSON list of group ids.
    groups       TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('created', 'disabled', 'deleted')),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX workshop_accounts_key
    ON workshop_accounts (server_url, user_id COLLATE NOCASE)
    WHERE state <> 'deleted';

-- Groups a run created (deleted again when that run is rolled back).
CREATE TABLE workshop_groups (
    run_id   INTEGER NOT NULL REFERENCES workshop_runs(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    PRIMARY KEY (run_id, group_id)
) STRICT;

-- Named plans: an ordered list of tour ids.
CREATE TABLE workshop_plans (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    -- JSON list of tour ids, in order.
    tours      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- Progress imported from participants' laptops, merged: one row per participant x tour x step.
CREATE TABLE workshop_progress (
    participant TEXT NOT NULL COLLATE NOCASE,
    tour_id     TEXT NOT NULL,
    step_id     TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('seen', 'struggling', 'skipped', 'done')),
    laptop      TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (participant, tour_id, step_id)
) STRICT;
