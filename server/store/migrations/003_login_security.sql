-- Login attempts (issue 11): the admin's log, and the state of login throttling
-- (docs/decisions/0022-login-throttling.md). Kept 90 days.
CREATE TABLE login_log (
  id       INTEGER PRIMARY KEY,
  at       INTEGER NOT NULL,
  username TEXT    NOT NULL,        -- as typed (lowercased), also for unknown names
  user_id  INTEGER,                 -- null when the name is unknown
  address  TEXT    NOT NULL,
  outcome  TEXT    NOT NULL CHECK (outcome IN
             ('success', 'invalid-credentials', 'account-disabled', 'throttled-account', 'throttled-address')),
  trusted  TEXT    CHECK (trusted IN ('device', 'address'))  -- how the attempt was known, if it was
);
CREATE INDEX login_log_username ON login_log (username, at);
CREATE INDEX login_log_address ON login_log (address, at);

-- Where an account has logged in before: a browser's device cookie (sha256) or an address.
-- Attempts from there are not slowed by the account's backoff.
CREATE TABLE login_trust (
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind    TEXT    NOT NULL CHECK (kind IN ('device', 'address')),
  value   TEXT    NOT NULL,
  last_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, kind, value)
);
