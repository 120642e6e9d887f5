-- Schema version 1: items, topics, texts, the change counter and search.
-- Migrations are forward-only: never edit a shipped file, add the next one.

-- The global change counter that sync relies on. It lives in its own row so that a deleted
-- item can never hand its number to the next change (MAX(seq)+1 would).
CREATE TABLE counter (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO counter (name, value) VALUES ('seq', 0);

CREATE TABLE topics (
  id        TEXT PRIMARY KEY,
  parent_id TEXT REFERENCES topics (id),
  position  INTEGER NOT NULL,
  icon      TEXT NOT NULL DEFAULT '',
  sms_code  TEXT NOT NULL UNIQUE,
  seq       INTEGER NOT NULL
);
CREATE INDEX topics_parent ON topics (parent_id, position);

CREATE TABLE topic_names (
  topic_id TEXT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
  lang     TEXT NOT NULL,
  name     TEXT NOT NULL,
  PRIMARY KEY (topic_id, lang)
) WITHOUT ROWID;

CREATE TABLE items (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('law', 'guide', 'benefit', 'product', 'place', 'notice')),
  status      TEXT NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
  sms_code    TEXT UNIQUE,
  reviewed_on TEXT NOT NULL,
  reviewed_by TEXT NOT NULL,
  sources     TEXT NOT NULL CHECK (json_valid (sources)),
  details     TEXT NOT NULL CHECK (json_valid (details)),  -- the kind's own object, as JSON
  seq         INTEGER NOT NULL
);
CREATE INDEX items_kind ON items (kind, status);
CREATE INDEX items_seq ON items (seq);

CREATE TABLE item_texts (
  item_id  TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  lang     TEXT NOT NULL,
  title    TEXT NOT NULL,
  summary  TEXT,
  body     TEXT,
  sms      TEXT,
  keywords TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (keywords)),
  PRIMARY KEY (item_id, lang)
) WITHOUT ROWID;

CREATE TABLE item_topics (
  item_id  TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  topic_id TEXT NOT NULL REFERENCES topics (id),
  position INTEGER NOT NULL,
  PRIMARY KEY (item_id, topic_id)
) WITHOUT ROWID;
CREATE INDEX item_topics_topic ON item_topics (topic_id);

-- What was deleted, and at which seq, so a replica can delete it too.
CREATE TABLE tombstones (
  what TEXT NOT NULL CHECK (what IN ('item', 'topic')),
  id   TEXT NOT NULL,
  seq  INTEGER NOT NULL,
  PRIMARY KEY (what, id)
) WITHOUT ROWID;

-- SMS codes are one namespace across items and topics.
CREATE TRIGGER items_code_free BEFORE INSERT ON items
WHEN NEW.sms_code IS NOT NULL AND EXISTS (SELECT 1 FROM topics WHERE sms_code = NEW.sms_code)
BEGIN SELECT RAISE (ABORT, 'sms_code is already a topic''s code'); END;
CREATE TRIGGER items_code_free_update BEFORE UPDATE OF sms_code ON items
WHEN NEW.sms_code IS NOT NULL AND EXISTS (SELECT 1 FROM topics WHERE sms_code = NEW.sms_code)
BEGIN SELECT RAISE (ABORT, 'sms_code is already a topic''s code'); END;
CREATE TRIGGER topics_code_free BEFORE INSERT ON topics
WHEN EXISTS (SELECT 1 FROM items WHERE sms_code = NEW.sms_code)
BEGIN SELECT RAISE (ABORT, 'sms_code is already an item''s code'); END;
CREATE TRIGGER topics_code_free_update BEFORE UPDATE OF sms_code ON topics
WHEN EXISTS (SELECT 1 FROM items WHERE sms_code = NEW.sms_code)
BEGIN SELECT RAISE (ABORT, 'sms_code is already an item''s code'); END;

-- Search. One document per item and language: plain text (CommonMark rendered to text), so
-- snippets show words, not markup. search_fts indexes it through the folding tokenizer
-- ("banlang", registered by the library on every connection). Chinese queries, which have no
-- spaces to split them into words, are answered by a substring scan of these columns.
CREATE TABLE search_docs (
  docid        INTEGER PRIMARY KEY,
  item_id      TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  lang         TEXT NOT NULL,
  title        TEXT NOT NULL,
  summary      TEXT NOT NULL,
  body         TEXT NOT NULL,
  keywords     TEXT NOT NULL,
  UNIQUE (item_id, lang)
);
CREATE VIRTUAL TABLE search_fts USING fts5 (
  title, summary, body, keywords,
  content = 'search_docs', content_rowid = 'docid',
  tokenize = 'banlang',
  prefix = '1 2 3'  -- someone typing has typed only a letter or two of the last word
);

-- The same documents without their bodies: titles, summaries and keywords are where the best
-- answers match, and their index is a fraction of the size, so a search ranks here first and
-- only scores bodies when these do not fill the page (content-search.c).
CREATE VIRTUAL TABLE search_heads USING fts5 (
  title, summary, keywords,
  content = 'search_docs', content_rowid = 'docid',
  tokenize = 'banlang',
  prefix = '1 2 3'
);

-- search_fts and search_heads mirror search_docs; triggers keep them in step, including the
-- cascade when an item is deleted or replaced.
CREATE TRIGGER search_docs_insert AFTER INSERT ON search_docs BEGIN
  INSERT INTO search_fts (rowid, title, summary, body, keywords)
  VALUES (NEW.docid, NEW.title, NEW.summary, NEW.body, NEW.keywords);
  INSERT INTO search_heads (rowid, title, summary, keywords)
  VALUES (NEW.docid, NEW.title, NEW.summary, NEW.keywords);
END;
CREATE TRIGGER search_docs_delete AFTER DELETE ON search_docs BEGIN
  INSERT INTO search_fts (search_fts, rowid, title, summary, body, keywords)
  VALUES ('delete', OLD.docid, OLD.title, OLD.summary, OLD.body, OLD.keywords);
  INSERT INTO search_heads (search_heads, rowid, title, summary, keywords)
  VALUES ('delete', OLD.docid, OLD.title, OLD.summary, OLD.keywords);
END;

-- The indexes' vocabularies: to split words typed without their space ("honnhan") into the
-- words the index knows, and to tell words too common to rank every match (content-search.c).
CREATE VIRTUAL TABLE search_vocab USING fts5vocab ('search_fts', 'row');
CREATE VIRTUAL TABLE search_heads_vocab USING fts5vocab ('search_heads', 'row');

-- Ranking: a word in the title counts most, then keywords people type, then the summary.
INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0, 8.0)');
INSERT INTO search_heads (search_heads, rank) VALUES ('rank', 'bm25(10.0, 5.0, 8.0)');
