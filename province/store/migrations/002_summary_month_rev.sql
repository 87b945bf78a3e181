-- 002: a revision tag per hall and month of summary_month (docs/decisions/0118-province-at-scale.md).
-- The province keeps whole months' summaries (sums and waits) in memory for the long reports
-- (province/reports/month-cache.ts) and checks them against this small table instead of
-- scanning summary_month, whose rows carry every wait. Every transaction that changes a
-- hall-month's rows of summary_month gives it a new random tag in the same transaction, so an
-- unchanged tag means unchanged rows; a random tag (not a counter) stays unique across
-- restored backups and several province processes on one server.
CREATE TABLE summary_month_rev (
  hall_id text NOT NULL,
  month   date NOT NULL,
  rev     uuid NOT NULL,
  PRIMARY KEY (hall_id, month)
);
INSERT INTO summary_month_rev (hall_id, month, rev)
  SELECT hall_id, month, gen_random_uuid() FROM (SELECT DISTINCT hall_id, month FROM summary_month) m;
