-- Schema version 3: drafts beside live content, revisions, translation state, media, rule case
-- tables, replicas and local usage counts (content/FORMAT.md, "Drafts and revisions").
--
-- The live tables (items, topics, rule_parts, media, greetings) hold exactly what readers see;
-- nothing in them is ever a draft. A draft is a whole record in the import format, kept apart
-- until a publisher publishes it. content.db is copied to every kiosk: authors are opaque account
-- ids, never names.

-- Tombstones for every kind of record sync carries. SQLite cannot change a CHECK constraint, so
-- the table is made again.
CREATE TABLE tombstones_v3 (
  what TEXT NOT NULL CHECK (what IN ('item', 'topic', 'question', 'parameter', 'condition',
                                     'rule', 'cases', 'media', 'greeting')),
  id   TEXT NOT NULL,
  seq  INTEGER NOT NULL,
  PRIMARY KEY (what, id)
) WITHOUT ROWID;
INSERT INTO tombstones_v3 SELECT what, id, seq FROM tombstones;
DROP TABLE tombstones;
ALTER TABLE tombstones_v3 RENAME TO tombstones;
CREATE INDEX tombstones_seq ON tombstones (seq);

-- Rule parts gain the case tables that pin down what the rules decide. A benefit's rule is
-- removed with its item by the code that deletes it (so that it leaves a tombstone), not by a
-- trigger.
DROP TRIGGER items_delete_rule;
CREATE TABLE rule_parts_v3 (
  kind       TEXT NOT NULL CHECK (kind IN ('question', 'parameter', 'condition', 'rule', 'cases')),
  id         TEXT NOT NULL,
  position   INTEGER NOT NULL DEFAULT 0,
  definition TEXT NOT NULL CHECK (json_valid (definition)),
  seq        INTEGER NOT NULL,
  PRIMARY KEY (kind, id)
) WITHOUT ROWID;
INSERT INTO rule_parts_v3 SELECT kind, id, position, definition, seq FROM rule_parts;
DROP TABLE rule_parts;
ALTER TABLE rule_parts_v3 RENAME TO rule_parts;
CREATE INDEX rule_parts_seq ON rule_parts (seq);
CREATE INDEX topics_seq ON topics (seq);

-- Media: content-addressed blobs. The type is read from the bytes, never from a file name.
-- A rowid table: blobs of up to a few megabytes do not belong in a WITHOUT ROWID b-tree.
CREATE TABLE media (
  sha256 TEXT NOT NULL UNIQUE CHECK (length (sha256) = 64),
  type   TEXT NOT NULL,
  size   INTEGER NOT NULL CHECK (size = length (bytes)),
  bytes  BLOB NOT NULL,
  seq    INTEGER NOT NULL
);
CREATE INDEX media_seq ON media (seq);

-- An item's pictures and recordings, as listed in its record ("media"), kept as rows so that a
-- live item can never point at a blob the store does not hold.
ALTER TABLE items ADD COLUMN media TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (media));
CREATE TABLE item_media (
  item_id  TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  sha256   TEXT NOT NULL REFERENCES media (sha256),
  PRIMARY KEY (item_id, position)
) WITHOUT ROWID;
CREATE INDEX item_media_sha256 ON item_media (sha256);

-- A topic's pictogram.
ALTER TABLE topics ADD COLUMN pictogram TEXT REFERENCES media (sha256);

-- A recorded greeting per language, played by the attract screen.
CREATE TABLE greetings (
  lang   TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL REFERENCES media (sha256),
  seq    INTEGER NOT NULL
) WITHOUT ROWID;

-- Drafts: at most one per record, the whole record as the import format writes it.
CREATE TABLE drafts (
  what   TEXT NOT NULL CHECK (what IN ('item', 'topic', 'question', 'parameter', 'condition',
                                       'rule', 'cases')),
  id     TEXT NOT NULL,
  record TEXT NOT NULL CHECK (json_valid (record)),
  rev    INTEGER NOT NULL,  -- the revision it is
  PRIMARY KEY (what, id)
) WITHOUT ROWID;

-- Every save of a draft and every publish, archive, delete and restore: who (an opaque account
-- id), when (UTC), and the whole record (NULL for a delete), numbered 1, 2, ... per record.
-- vi_rev (items) is the revision whose Vietnamese text this one carries: it moves only when
-- the Vietnamese text changes, which is what "needs review" is measured against.
CREATE TABLE revisions (
  what   TEXT NOT NULL,
  id     TEXT NOT NULL,
  rev    INTEGER NOT NULL CHECK (rev > 0),
  action TEXT NOT NULL CHECK (action IN ('save', 'publish', 'archive', 'delete', 'restore')),
  author TEXT NOT NULL,
  at     TEXT NOT NULL,
  record TEXT CHECK (record IS NULL OR json_valid (record)),
  vi_rev INTEGER,
  PRIMARY KEY (what, id, rev)
) WITHOUT ROWID;

-- Translation state: the Vietnamese revision (revisions.vi_rev) each translation was made from
-- or last confirmed against. A translation needs review while that is older than the item's.
CREATE TABLE translations (
  item_id TEXT NOT NULL,
  lang    TEXT NOT NULL CHECK (lang <> 'vi'),
  vi_rev  INTEGER NOT NULL,
  PRIMARY KEY (item_id, lang)
) WITHOUT ROWID;

-- Where a replica's content came from. One row, absent on a hub: which hub, the last seq and
-- manifest applied, the manifest's issue time (the floor of "today" on a kiosk without a
-- battery-backed clock), when it was applied, and what sync learned about keys (sync's own
-- JSON; the content store only keeps it).
CREATE TABLE replica (
  singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
  hub        TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  manifest   TEXT NOT NULL,
  issued_at  TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  trust      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid (trust))
);

-- What was looked at on this machine: item, day, language and channel, counted. Local only:
-- sync never writes it, and it names no person.
CREATE TABLE usage (
  item_id TEXT NOT NULL,
  day     TEXT NOT NULL,
  lang    TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'sms', 'hub')),
  count   INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (day, item_id, lang, channel)
) WITHOUT ROWID;

-- Records already stored get their first revision, and drafts leave the live tables, in C
-- (content-store.c, first_revisions()): a revision holds the record in the import format.
