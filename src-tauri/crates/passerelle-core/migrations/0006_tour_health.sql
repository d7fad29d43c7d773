-- Tour health (issue #8): highlight targets that were not found, for trainers to export.
-- Filled by the live-web tours work; reserved here so parallel work keeps versions consecutive.
SELECT 1;
