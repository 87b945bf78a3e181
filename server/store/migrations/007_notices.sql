-- 007 (issue 14): visitors' requests to be notified before their turn
-- (docs/decisions/0115-notices-channels-and-privacy.md). Numbered 007: 006 is the
-- appointments' migration on another branch; the runner applies files in order.
--
-- The recipient (a phone number 84…, or a Web Push subscription's JSON) is personal data:
-- it is kept only while the ticket is live and its last notice is on its way; the notice
-- service deletes the row once the ticket is over and nothing for it waits in the
-- outbox, and the daily retention job deletes whatever is left of ended tickets.
-- Outbox messages of notices carry the subscription id, never the recipient.
CREATE TABLE notice_subscriptions (
  id           INTEGER PRIMARY KEY,
  ticket_id    INTEGER NOT NULL REFERENCES tickets (id),
  channel      TEXT    NOT NULL CHECK (channel IN ('push', 'zalo', 'sms')),
  recipient    TEXT    NOT NULL,          -- '84…' or the push subscription JSON
  ahead        INTEGER,                   -- notify when at most this many are ahead
  minutes      INTEGER,                   -- or when about this many minutes are left
  lang         TEXT    NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
  created_at   INTEGER NOT NULL,
  near_sent_at INTEGER,                   -- the "turn is near" notice was written (once)
  UNIQUE (ticket_id, channel)
);
CREATE INDEX notice_subscriptions_ticket ON notice_subscriptions (ticket_id);

-- The outbox works per channel (a lane each, so a hung vendor holds up only its own messages).
CREATE INDEX outbox_channel_due ON outbox (channel, state, due_at);
