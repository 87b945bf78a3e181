-- 006 (issue 14): appointments ("đặt lịch hẹn") and the due time of a checked-in booking's
-- ticket (docs/decisions/0110-appointment-rules.md, 0111-appointment-privacy.md).

-- A booked visitor's ticket is due at the slot time, not 15 minutes after issue.
ALTER TABLE tickets ADD COLUMN due_at INTEGER;

CREATE TABLE appointments (
  id             INTEGER PRIMARY KEY,
  code           TEXT    NOT NULL UNIQUE,   -- random, 8 letters/digits (the QR); '~<id>' once anonymised
  service_id     TEXT    NOT NULL,
  service_day    TEXT    NOT NULL,          -- YYYY-MM-DD, Asia/Ho_Chi_Minh
  slot           TEXT    NOT NULL,          -- HH:MM
  slot_at        INTEGER NOT NULL,          -- the slot's start, UTC ms
  phone          TEXT,                      -- '84…' only when the visitor asked for a reminder
  lang           TEXT    NOT NULL DEFAULT 'vi',
  status         TEXT    NOT NULL CHECK (status IN ('booked', 'cancelled', 'checked-in', 'no-show')),
  created_at     INTEGER NOT NULL,
  ended_at       INTEGER,                   -- cancelled, checked in or marked no-show
  ticket_id      INTEGER REFERENCES tickets (id),
  anonymized_at  INTEGER
);
CREATE INDEX appointments_slot ON appointments (service_id, service_day, slot) WHERE status IN ('booked', 'checked-in');
CREATE INDEX appointments_due ON appointments (slot_at) WHERE status = 'booked';
CREATE INDEX appointments_day ON appointments (service_day);
CREATE INDEX appointments_phone ON appointments (phone, service_day) WHERE phone IS NOT NULL;
