-- 003: a checked-in booking's slot on its ticket (issue 14). The hall sends it with the
-- `issued` event; a booked visitor who checks in before the slot waits from the slot in
-- every report, as in the hall's own (server/queue/time.ts `waitStart`, decision 0110).
-- Tickets ingested before this migration have none: they count from check-in, as then.
ALTER TABLE tickets ADD COLUMN due_at bigint;
