-- Schema version 2: eligibility rules as data (content-rule-set.c, content/RULES.md).
-- Questions, parameters, named conditions and benefit rules are each one JSON object, checked
-- as a whole set before they are written; kind and id name them, position orders questions.
CREATE TABLE rule_parts (
  kind       TEXT NOT NULL CHECK (kind IN ('question', 'parameter', 'condition', 'rule')),
  id         TEXT NOT NULL,
  position   INTEGER NOT NULL DEFAULT 0,
  definition TEXT NOT NULL CHECK (json_valid (definition)),
  seq        INTEGER NOT NULL,
  PRIMARY KEY (kind, id)
) WITHOUT ROWID;

-- A benefit's rule goes with its item.
CREATE TRIGGER items_delete_rule AFTER DELETE ON items BEGIN
  DELETE FROM rule_parts WHERE kind = 'rule' AND id = OLD.id;
END;
