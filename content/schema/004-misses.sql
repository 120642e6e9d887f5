-- Schema 4: searches that found nothing, counted on the machine where they were made, so the
-- officers see what people look for and do not find: the next content to write.
--
-- Kept like usage (running totals per day, language and channel, local only: sync never writes
-- it). The query is stored as the sender will send it, digits masked by the caller, so no phone
-- or ID number typed into a search box is ever kept.
CREATE TABLE misses (
  query   TEXT NOT NULL CHECK (query <> ''),
  day     TEXT NOT NULL,
  lang    TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'sms', 'hub')),
  count   INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (day, query, lang, channel)
) WITHOUT ROWID;
