-- Each hand-over strategy's resumable state in typed columns of the item it is about. It was
-- text in the human-readable `detail` column, parsed back on resume; `detail` is now only the
-- technical detail of a failure. NULL: nothing in progress.

-- The copy through a share: the share made on this top-level item for the copy, until it is
-- removed (a run that died in between removes it on resume).
ALTER TABLE handover_items ADD COLUMN share_id TEXT;

-- Nextcloud's own transfer of this top-level item: how far it went, the transfer's id (read
-- from the recipient's notification, written before accepting), the file id read before
-- asking, and where it landed at the recipient.
ALTER TABLE handover_items ADD COLUMN transfer_step TEXT
    CHECK (transfer_step IN ('requested', 'found', 'accepted', 'landed'));
ALTER TABLE handover_items ADD COLUMN transfer_id TEXT;
ALTER TABLE handover_items ADD COLUMN transfer_file_id INTEGER;
ALTER TABLE handover_items ADD COLUMN landed_at TEXT;

-- The OwnershipTransfer app: the whole home's transfer was queued (a resume only follows it).
ALTER TABLE handover_items ADD COLUMN home_queued INTEGER NOT NULL DEFAULT 0
    CHECK (home_queued IN (0, 1));

-- The notes of earlier versions, moved into the columns.
UPDATE handover_items
SET share_id = CASE WHEN instr(substr(detail, 7), ' ') > 0
                    THEN substr(detail, 7, instr(substr(detail, 7), ' ') - 1)
                    ELSE substr(detail, 7) END,
    detail = CASE WHEN instr(substr(detail, 7), ' ') > 0 THEN detail END
WHERE detail LIKE 'share:%';

UPDATE handover_items
SET home_queued = 1,
    detail = nullif(trim(substr(detail, 15)), '')
WHERE detail LIKE 'ot-home:queued%';

-- `transfer:<id|->:<step>:<file id|-> <text>`
WITH note AS (
    SELECT id AS item,
           CASE WHEN instr(substr(detail, 10), ' ') > 0
                THEN substr(substr(detail, 10), 1, instr(substr(detail, 10), ' ') - 1)
                ELSE substr(detail, 10) END AS head,
           CASE WHEN instr(substr(detail, 10), ' ') > 0
                THEN substr(substr(detail, 10), instr(substr(detail, 10), ' ') + 1)
                ELSE '' END AS text
    FROM handover_items WHERE detail LIKE 'transfer:%'
), parts AS (
    SELECT item, text,
           substr(head, 1, instr(head, ':') - 1) AS id,
           substr(head, instr(head, ':') + 1) AS rest
    FROM note WHERE instr(head, ':') > 0
), fields AS (
    SELECT item, text, id,
           CASE WHEN instr(rest, ':') > 0 THEN substr(rest, 1, instr(rest, ':') - 1)
                ELSE rest END AS step,
           CASE WHEN instr(rest, ':') > 0 THEN substr(rest, instr(rest, ':') + 1) END AS file_id
    FROM parts
)
UPDATE handover_items
SET transfer_id = nullif(fields.id, '-'),
    transfer_step = CASE WHEN fields.step IN ('requested', 'found', 'accepted', 'landed')
                         THEN fields.step END,
    transfer_file_id = CASE WHEN fields.file_id GLOB '[0-9]*' AND fields.file_id NOT GLOB '*[^0-9]*'
                            THEN CAST(fields.file_id AS INTEGER) END,
    landed_at = CASE WHEN fields.step = 'landed' THEN nullif(fields.text, '') END,
    detail = CASE WHEN fields.step = 'landed' THEN NULL ELSE nullif(fields.text, '') END
FROM fields
WHERE handover_items.id = fields.item;
