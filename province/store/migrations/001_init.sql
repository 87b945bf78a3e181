-- 001: halls and their credentials, the event log, the ticket projection and the hourly summary
-- (docs/decisions/0090-province-level.md), province staff, sessions, refused batches, settings.
-- Instants are UTC milliseconds (bigint) as in the halls; service_day is a date in
-- Asia/Ho_Chi_Minh. The three bulky tables are partitioned by month: partitions are created
-- by the store as months appear (store/partitions.ts), so old months can be detached or
-- dropped whole.

CREATE TABLE halls (
  id            text    PRIMARY KEY,
  name_vi       text    NOT NULL,
  name_en       text    NOT NULL,
  area          text,
  secret_hash   text    NOT NULL,            -- sha256 (hex) of the hall's secret (144 random bits)
  mqtt_hash     text    NOT NULL,            -- the same secret as Mosquitto's PBKDF2-SHA512 ($7$) line
  created_at    bigint  NOT NULL,
  last_event_id bigint  NOT NULL DEFAULT 0,  -- the ingest cursor: the next batch must follow it
  last_event_at bigint,
  event_version smallint,
  profile       jsonb,                       -- the hall's config: fields, counters, hours, targets
  officers      jsonb,                       -- [{id, name, username}] only when the hall allows names
  profile_at    bigint,
  disabled      boolean NOT NULL DEFAULT false
);

-- Every event row of every hall, as received (data keeps only non-personal keys).
CREATE TABLE events (
  hall_id     text     NOT NULL,
  id          bigint   NOT NULL,
  at          bigint   NOT NULL,
  type        text     NOT NULL,
  ticket_id   bigint,
  counter     integer,
  officer_id  bigint,
  service_id  text,
  data        jsonb,
  v           smallint NOT NULL,             -- event-schema version it arrived in
  received_at bigint   NOT NULL,
  PRIMARY KEY (hall_id, id, at)
) PARTITION BY RANGE (at);
CREATE INDEX events_type_at ON events (hall_id, type, at);
CREATE INDEX events_ticket ON events (hall_id, ticket_id);

-- One row per visit (ticket), folded from the events: the same columns the hall's reports read.
CREATE TABLE tickets (
  hall_id          text     NOT NULL,
  id               bigint   NOT NULL,
  service_day      date     NOT NULL,
  number           text     NOT NULL,
  first_service_id text     NOT NULL,
  service_id       text     NOT NULL,
  priority         text     NOT NULL,
  status           text     NOT NULL,
  issued_at        bigint   NOT NULL,
  called_at        bigint,
  first_called_at  bigint,
  started_at       bigint,
  finished_at      bigint,
  counter          integer,
  officer_id       bigint,
  call_count       integer  NOT NULL DEFAULT 0,
  rating           smallint,
  rated_at         bigint,
  PRIMARY KEY (hall_id, service_day, id)
) PARTITION BY RANGE (service_day);
CREATE INDEX tickets_hall_id ON tickets (hall_id, id);
-- Visits still waiting and never called: their time in line grows, so reports add them at read time.
CREATE INDEX tickets_waiting ON tickets (service_day, hall_id) WHERE status = 'waiting' AND first_called_at IS NULL;

-- Hall × service day × field (issued for) × hour of issue: the additive figures of the hall's
-- waits report (server/reports/waits.ts WaitSums) and every wait in ms (for exact percentiles),
-- kept current in the transaction that ingests the events. `waits` holds the waits as
-- little-endian float64, 8 bytes each: appended with ||, concatenated by string_agg, read as a
-- Float64Array without parsing (a year of a province is millions of them).
CREATE TABLE summary_hour (
  hall_id     text     NOT NULL,
  service_day date     NOT NULL,
  service_id  text     NOT NULL,
  hour        smallint NOT NULL,
  tickets     integer  NOT NULL DEFAULT 0,
  served      integer  NOT NULL DEFAULT 0,
  no_shows    integer  NOT NULL DEFAULT 0,
  cancelled   integer  NOT NULL DEFAULT 0,
  within      integer  NOT NULL DEFAULT 0,
  breaches    integer  NOT NULL DEFAULT 0,
  wait_sum    bigint   NOT NULL DEFAULT 0,
  wait_max    bigint   NOT NULL DEFAULT -1,
  service_sum bigint   NOT NULL DEFAULT 0,
  service_n   integer  NOT NULL DEFAULT 0,
  ratings     integer  NOT NULL DEFAULT 0,
  satisfied   integer  NOT NULL DEFAULT 0,
  waits       bytea    NOT NULL DEFAULT '',
  PRIMARY KEY (hall_id, service_day, service_id, hour)
) PARTITION BY RANGE (service_day);

-- The same per calendar month (`month` = its first day): what long ranges read (a year of a
-- province is ~100,000 rows here instead of ~1.3 million). Kept in the same transaction.
CREATE TABLE summary_month (
  hall_id     text     NOT NULL,
  month       date     NOT NULL,
  service_id  text     NOT NULL,
  hour        smallint NOT NULL,
  tickets     integer  NOT NULL DEFAULT 0,
  served      integer  NOT NULL DEFAULT 0,
  no_shows    integer  NOT NULL DEFAULT 0,
  cancelled   integer  NOT NULL DEFAULT 0,
  within      integer  NOT NULL DEFAULT 0,
  breaches    integer  NOT NULL DEFAULT 0,
  wait_sum    bigint   NOT NULL DEFAULT 0,
  wait_max    bigint   NOT NULL DEFAULT -1,
  service_sum bigint   NOT NULL DEFAULT 0,
  service_n   integer  NOT NULL DEFAULT 0,
  ratings     integer  NOT NULL DEFAULT 0,
  satisfied   integer  NOT NULL DEFAULT 0,
  waits       bytea    NOT NULL DEFAULT '',
  PRIMARY KEY (hall_id, month, service_id, hour)
);

CREATE TABLE users (
  id            serial  PRIMARY KEY,
  username      text    NOT NULL UNIQUE,
  password_hash text    NOT NULL,
  name          text    NOT NULL,
  role          text    NOT NULL CHECK (role IN ('admin', 'viewer')),
  disabled      boolean NOT NULL DEFAULT false,
  created_at    bigint  NOT NULL
);

CREATE TABLE sessions (
  token_hash text    PRIMARY KEY,            -- sha256 of the bearer token
  user_id    integer NOT NULL REFERENCES users (id),
  created_at bigint  NOT NULL,
  expires_at bigint  NOT NULL
);

-- Batches the ingest refused (malformed, out of order, foreign hall …): who, when, why.
CREATE TABLE refusals (
  id      bigserial PRIMARY KEY,
  at      bigint    NOT NULL,
  hall_id text,
  code    text      NOT NULL,
  detail  jsonb
);
CREATE INDEX refusals_hall ON refusals (hall_id, at);

CREATE TABLE settings (
  key   text PRIMARY KEY,
  value text NOT NULL
);
