-- Workshops (issue #9): workshop plans, imported progress of participants, practice accounts.
-- Filled by the workshop work; reserved here so parallel work keeps versions consecutive.
SELECT 1;
