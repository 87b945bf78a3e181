-- 008: three indexes that no query uses, each written by every issue, call and finish
-- (docs/decisions/0117-hall-cpu-per-request.md). Checked with EXPLAIN QUERY PLAN over every
-- statement the store, reports, retention, uplink, settings and notices tests run:
--   tickets_day (service_day): the UNIQUE (service_day, prefix, seq) index starts with the
--     same column and serves every service-day lookup and range;
--   tickets_issued (issued_at): retention reads through tickets_not_anonymized, nothing
--     else filters or sorts tickets by issued_at alone;
--   events_at (at): the event reads by time all name their types (events_type_at).
DROP INDEX IF EXISTS tickets_day;
DROP INDEX IF EXISTS tickets_issued;
DROP INDEX IF EXISTS events_at;
