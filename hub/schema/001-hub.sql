-- hub.db, schema 1: officers' accounts, sessions, login throttling, the audit log, and the
-- usage counts kiosks and the SMS responder send. Nothing here is ever copied to a kiosk.

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('editor', 'publisher', 'admin')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at TEXT NOT NULL
);

-- A session is found by the SHA-256 of its token: a copy of hub.db does not log anyone in.
CREATE TABLE sessions (
  token_sha256 TEXT PRIMARY KEY,
  account INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

-- Failed logins per key ("account:NAME" or "address:IP").
CREATE TABLE login_failures (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_at INTEGER NOT NULL
);

CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  account INTEGER REFERENCES accounts (id),
  address TEXT,
  action TEXT NOT NULL,
  target TEXT,
  detail TEXT
);

-- Who may post usage counts: a kiosk or an SMS responder, by its Ed25519 public key.
CREATE TABLE senders (
  name TEXT PRIMARY KEY,
  public_key TEXT NOT NULL UNIQUE,
  added_at TEXT NOT NULL
);

-- A batch number seen once per sender: a resent batch is not counted twice.
CREATE TABLE usage_batches (
  sender TEXT NOT NULL REFERENCES senders (name),
  batch INTEGER NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (sender, batch)
);

-- Senders send running totals: a later batch's figure for the same key replaces the earlier.
CREATE TABLE usage_counts (
  sender TEXT NOT NULL REFERENCES senders (name),
  item TEXT NOT NULL,
  day TEXT NOT NULL,
  lang TEXT NOT NULL,
  channel TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (sender, item, day, lang, channel)
);

-- Searches that found nothing, digits already masked by the sender.
CREATE TABLE usage_misses (
  sender TEXT NOT NULL REFERENCES senders (name),
  query TEXT NOT NULL,
  day TEXT NOT NULL,
  lang TEXT NOT NULL,
  channel TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (sender, query, day, lang, channel)
);
