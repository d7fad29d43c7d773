-- Tour health (issue #8): highlight targets the overlay did not find in time, one row per miss,
-- for trainers to read and export so selectors can be fixed after a Nextcloud update. Nothing
-- of the page is kept: only the tour, the step, the server's version and the selectors tried.
CREATE TABLE tour_health (
    id                INTEGER PRIMARY KEY,
    tour_id           TEXT NOT NULL,
    step_id           TEXT NOT NULL,
    nextcloud_version TEXT,
    candidates        TEXT NOT NULL, -- JSON array of the selectors tried, in order
    seen_at           TEXT NOT NULL
) STRICT;

CREATE INDEX tour_health_seen ON tour_health (seen_at);
