-- 004: hall settings with their history (docs/decisions/0100-settings-model.md), and the
-- mark left on a visit whose identifying details were removed (docs/decisions/0103-backups-and-retention.md).

-- Every saved hall configuration, never edited or deleted: the highest version is the one
-- in force, so inserting a row is the whole switch (a crash leaves the old or the new).
CREATE TABLE settings_versions (
  version       INTEGER PRIMARY KEY,
  config        TEXT    NOT NULL,                -- the whole validated config, JSON
  saved_at      INTEGER NOT NULL,
  saved_by      INTEGER REFERENCES users (id),   -- null: read from the config file at start
  source        TEXT    NOT NULL CHECK (source IN ('file', 'edit', 'restore', 'import')),
  restored_from INTEGER,                         -- the version a restore brought back
  file_hash     TEXT,                            -- sha256 of the file's text, for source 'file'
  changes       TEXT    NOT NULL DEFAULT '[]'    -- JSON list of {path, before, after} from the previous version
);

-- Set when the retention job removed the visit's identifying details (code, typed text).
ALTER TABLE tickets ADD COLUMN anonymized_at INTEGER;
CREATE INDEX tickets_not_anonymized ON tickets (issued_at) WHERE anonymized_at IS NULL;
