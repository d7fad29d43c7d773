-- Hand-over journal: one job per hand-over, one item per folder, file, calendar, address book
-- and object, each moving planned → copied → verified (or failed / skipped with a reason), and
-- one row per run (first run and each resume). No secret is stored: sides are described by
-- server, user and URLs only.

CREATE TABLE handover_jobs (
    id           INTEGER PRIMARY KEY,
    -- JSON: who and where (server URL, user id, DAV URLs, account id); never a secret.
    source       TEXT NOT NULL,
    target       TEXT NOT NULL,
    -- JSON: the selection as asked.
    selection    TEXT NOT NULL,
    strategy     TEXT NOT NULL,
    -- Folder at the target that receives the files (`/Transferred from … on …`).
    destination  TEXT NOT NULL,
    -- JSON: the plan's summary (totals, quota, not movable items, warnings, conflicts).
    plan         TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN
                     ('planned', 'running', 'cancelled', 'incomplete', 'verified')),
    -- JSON: the last verification, side by side.
    verification TEXT,
    created_at   TEXT NOT NULL,
    started_at   TEXT,
    finished_at  TEXT,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE handover_items (
    id             INTEGER PRIMARY KEY,
    job_id         INTEGER NOT NULL REFERENCES handover_jobs(id) ON DELETE CASCADE,
    parent_id      INTEGER REFERENCES handover_items(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN
                       ('folder', 'file', 'calendar', 'calendar-object', 'address-book',
                        'contact')),
    -- Files: absolute paths below the DAV roots. Collections: URIs. Objects: resource names.
    source         TEXT NOT NULL,
    target         TEXT NOT NULL,
    uid            TEXT,
    size           INTEGER,
    mtime          INTEGER,
    source_checksum TEXT,
    state          TEXT NOT NULL CHECK (state IN
                       ('planned', 'copied', 'verified', 'failed', 'skipped')),
    -- Code of the reason for failed / skipped (Fluent `handover-reason-<code>` or
    -- `error-<code>`), and the technical detail.
    reason         TEXT,
    detail         TEXT,
    attempts       INTEGER NOT NULL DEFAULT 0,
    -- What was written: bytes, SHA-1 of the bytes as they streamed, the target's ETag.
    copied_size    INTEGER,
    content_hash   TEXT,
    target_etag    TEXT,
    mtime_kept     INTEGER,
    copied_at      TEXT,
    verified_at    TEXT,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX handover_items_key
    ON handover_items (job_id, ifnull(parent_id, 0), kind, source);
CREATE INDEX handover_items_state ON handover_items (job_id, state);

-- Each run of a job (the first one and every resume): when, and how it ended. A run whose
-- process was killed keeps `ended_at` NULL.
CREATE TABLE handover_runs (
    id          INTEGER PRIMARY KEY,
    job_id      INTEGER NOT NULL REFERENCES handover_jobs(id) ON DELETE CASCADE,
    started_at  TEXT NOT NULL,
    ended_at    TEXT,
    outcome     TEXT,
    bytes       INTEGER NOT NULL DEFAULT 0
) STRICT;
