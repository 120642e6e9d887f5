-- Schema 6: a replica keeps the important mark of the item records it applied. A replica has
-- no revisions (schema 5 keeps the mark there, on the hub), yet an SMS responder may read one
-- (several workers, each with its own copy): without this table the changes it reads would never
-- say "important": true, and a marked correction would alert nobody.
--
-- One row per item whose applied record carried "important": true, with that record's seq: the
-- mark belongs to that record only (content-changes.c reads it while the item's seq is the same).
-- A later record without the mark drops the row; deleting the item drops it with the item.
CREATE TABLE replica_important (
  item_id TEXT PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
  seq     INTEGER NOT NULL
) WITHOUT ROWID;
