-- Schema 5: a publisher may mark a publication as important, so that followers of its topic
-- are told of a correction to something already published (an SMS alert), which otherwise
-- alerts nobody. The mark belongs to the revision that publication wrote; sync gives the live
-- record "important": true while the revision it carries is so marked (content-changes.c).
ALTER TABLE revisions ADD COLUMN important INTEGER NOT NULL DEFAULT 0 CHECK (important IN (0, 1));
