-- Schema version 20: scenario guidance (主题式/情景式导办). A citizen says
-- a life event ("我要开超市", "新生儿出生"), not an item's official name;
-- a scenario turns a few yes/no answers into the set of items, so that
-- the guidance desk can give one combined list of materials and the right
-- ticket. Scenarios are catalogue data: imported and exported with the
-- items (yichuang(1), CATALOGUE FORMAT).

CREATE TABLE scenarios (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  keywords        TEXT NOT NULL DEFAULT '',   -- what citizens say, spaces between
  pinyin_initials TEXT NOT NULL DEFAULT '',
  -- the bundle (一件事一次办) that takes the whole set as one case, when
  -- every item chosen is one of its members; NULL: none
  bundle_item_id  INTEGER REFERENCES service_items(id),
  active          INTEGER NOT NULL DEFAULT 1
);

-- The questions, asked in seq order, each answered yes or no.
CREATE TABLE scenario_questions (
  scenario_id INTEGER NOT NULL REFERENCES scenarios(id),
  seq         INTEGER NOT NULL,
  text        TEXT NOT NULL,
  PRIMARY KEY (scenario_id, seq)
);

-- The items: always (question 0) or when question's answer is when_yes.
CREATE TABLE scenario_items (
  scenario_id INTEGER NOT NULL REFERENCES scenarios(id),
  seq         INTEGER NOT NULL,
  item_id     INTEGER NOT NULL REFERENCES service_items(id),
  question    INTEGER NOT NULL DEFAULT 0,
  when_yes    INTEGER NOT NULL DEFAULT 1 CHECK (when_yes IN (0, 1)),
  PRIMARY KEY (scenario_id, seq)
);
