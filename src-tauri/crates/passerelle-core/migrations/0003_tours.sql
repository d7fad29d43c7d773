-- Tours: where each person is in each tour, the tours they chose not to see again, and what
-- existed when a step started (for checks such as "a calendar created after the step started").

ALTER TABLE tour_progress ADD COLUMN baseline TEXT;

-- One row per profile x account (NULL: read without an account) x tour: the last step passed
-- to "step seen", so the tour resumes after it.
CREATE TABLE tour_state (
    id           INTEGER PRIMARY KEY,
    profile_id   INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    account_id   INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    tour_id      TEXT NOT NULL,
    current_step TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX tour_state_key ON tour_state (profile_id, ifnull(account_id, 0), tour_id);

-- "Don't propose this again", per profile.
CREATE TABLE tour_hidden (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    tour_id    TEXT NOT NULL,
    hidden_at  TEXT NOT NULL,
    PRIMARY KEY (profile_id, tour_id)
) STRICT;
