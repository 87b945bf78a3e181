-- 005 (issue 15): dossier codes linked to visits, and the outbox of messages to outside
-- systems (docs/decisions/0043-dossier-codes-and-webhook.md).

-- The one-stop system's dossier code ("mã hồ sơ") and procedure code (mã TTHC) of a visit.
-- One row per visit; a code is linked to at most one visit per service day, unless that
-- visit ended unserved (no-show, cancelled): checked by the store inside the transaction.
CREATE TABLE visit_dossiers (
  ticket_id      INTEGER PRIMARY KEY REFERENCES tickets (id),
  service_day    TEXT    NOT NULL,
  dossier_code   TEXT    NOT NULL,
  procedure_code TEXT,
  source         TEXT    NOT NULL CHECK (source IN ('kiosk', 'console')),
  linked_at      INTEGER NOT NULL,
  linked_by      INTEGER                     -- the officer (console), null at the kiosk
);
CREATE INDEX visit_dossiers_code ON visit_dossiers (dossier_code, service_day);

-- Messages to outside systems, written in the same transaction as the event that causes
-- them and delivered by server/outbox/ with retries (webhooks now; Web Push, Zalo ZNS and
-- SMS notices of issue 14 are other channels of the same table).
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  message_id      TEXT    NOT NULL UNIQUE,   -- stable across retries (webhook-id)
  channel         TEXT    NOT NULL,          -- 'webhook', …
  topic           TEXT    NOT NULL,          -- e.g. 'visit.finished'
  dedupe_key      TEXT,                      -- e.g. 'visit:123': the message a later change may still amend
  ticket_id       INTEGER,
  payload         TEXT    NOT NULL,          -- JSON, exactly the bytes sent
  state           TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  created_at      INTEGER NOT NULL,
  due_at          INTEGER NOT NULL,          -- next attempt not before
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_attempt_at INTEGER,
  last_status     INTEGER,                   -- HTTP status of the last attempt, if any
  last_error      TEXT,
  delivered_at    INTEGER
);
CREATE INDEX outbox_due ON outbox (state, due_at);
CREATE INDEX outbox_dedupe ON outbox (dedupe_key);
