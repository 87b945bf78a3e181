-- 002: indexes for the wait-time reports (issue 6, docs/decisions/0031-report-engine.md).
-- events (type, at): the reports read a few event types over a date range (transfers,
-- counter-opened/closed/paused/resumed) without walking every event of the period.
-- Tickets need no new index: a report reads every ticket of its service days through
-- tickets_day, and measured timings showed a covering index brings nothing (the cost is
-- handing 500,000 rows to JavaScript, not reading pages).
CREATE INDEX events_type_at ON events (type, at);
