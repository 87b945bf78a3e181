-- 001: tickets, the event log (wait log + audit trail), staff, sessions, counters.
-- Times are UTC milliseconds; service_day is YYYY-MM-DD in Asia/Ho_Chi_Minh.

CREATE TABLE tickets (
  id               INTEGER PRIMARY KEY,
  code             TEXT    NOT NULL UNIQUE,          -- unguessable public reference (QR)
  service_day      TEXT    NOT NULL,
  prefix           TEXT    NOT NULL,
  seq              INTEGER NOT NULL,                 -- daily number per prefix
  number           TEXT    NOT NULL,                 -- visible number, e.g. A012
  service_id       TEXT    NOT NULL,                 -- current field (changes on transfer)
  first_service_id TEXT    NOT NULL,                 -- field it was issued for
  priority         TEXT    NOT NULL,
  status           TEXT    NOT NULL,
  issued_at        INTEGER NOT NULL,
  called_at        INTEGER,                          -- latest call (recalls do not move it)
  first_called_at  INTEGER,                          -- first call ever: wait = first_called_at - issued_at
  started_at       INTEGER,
  finished_at      INTEGER,
  counter          INTEGER,
  officer_id       INTEGER,
  assigned_counter INTEGER,                          -- set by a transfer to one counter
  call_count       INTEGER NOT NULL DEFAULT 0,
  kiosk_id         TEXT,
  lang             TEXT    NOT NULL DEFAULT 'vi',
  rating           INTEGER,
  rated_at         INTEGER,
  UNIQUE (service_day, prefix, seq)
);
CREATE INDEX tickets_open ON tickets (status) WHERE status IN ('waiting', 'called', 'serving');
CREATE INDEX tickets_day ON tickets (service_day);
CREATE INDEX tickets_issued ON tickets (issued_at);

CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  type       TEXT    NOT NULL,   -- issued, called, recalled, no-show, started, finished, transferred, cancelled, rated, counter-*
  ticket_id  INTEGER REFERENCES tickets (id),
  counter    INTEGER,
  officer_id INTEGER,
  service_id TEXT,               -- the ticket's field at the time of the event
  data       TEXT                -- JSON details (reason, fromServiceId, score …)
);
CREATE INDEX events_ticket ON events (ticket_id);
CREATE INDEX events_at ON events (at);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT    NOT NULL UNIQUE,
  password_hash TEXT    NOT NULL,
  name          TEXT    NOT NULL,
  role          TEXT    NOT NULL CHECK (role IN ('officer', 'manager', 'admin')),
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT    PRIMARY KEY,  -- sha256 of the bearer token; the token itself is never stored
  user_id    INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

-- Who holds which counter now, so that a restart restores the consoles.
CREATE TABLE counter_state (
  number       INTEGER PRIMARY KEY,
  officer_id   INTEGER REFERENCES users (id),
  opened_at    INTEGER,
  paused_at    INTEGER,
  pause_reason TEXT
);

-- Idempotent issuing: the same kiosk request id returns the same ticket.
CREATE TABLE issue_requests (
  request_key TEXT    PRIMARY KEY,
  ticket_id   INTEGER NOT NULL REFERENCES tickets (id),
  created_at  INTEGER NOT NULL
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
