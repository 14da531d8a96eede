-- Schema version 16: the guidance desk finds what a citizen asks for.
-- Every field a clerk would search -- the item's name, the words and
-- synonyms the catalogue keeps for it (keywords: "营业执照 开饭店"), its
-- pinyin (initials and full, anywhere in the name), its code without
-- punctuation, its materials and its guide -- goes into FTS5 indexes with
-- the trigram tokenizer, so that any part of any of them is found at once
-- (src/store-catalog.c ranks name hits first). The short fields have an
-- index of their own, item_names, which a query too short for a trigram
-- reads row by row without the long texts of item_texts.
--
-- pinyin_full is written by the program (src/pinyin.c), which knows the
-- readings; pinyin_name is the name it was computed from, so that a name
-- changed any other way is noticed and its pinyin computed again.
ALTER TABLE service_items ADD COLUMN keywords TEXT NOT NULL DEFAULT '';
ALTER TABLE service_items ADD COLUMN pinyin_full TEXT NOT NULL DEFAULT '';
ALTER TABLE service_items ADD COLUMN pinyin_name TEXT;

CREATE VIRTUAL TABLE item_names USING fts5(name, keywords, pinyin, code, tokenize = 'trigram');
CREATE VIRTUAL TABLE item_texts USING fts5(materials, guide, tokenize = 'trigram');

-- the indexes follow the catalogue whatever changes it
CREATE TRIGGER item_search_insert AFTER INSERT ON service_items BEGIN
  INSERT INTO item_names(rowid, name, keywords, pinyin, code)
  VALUES (NEW.id, NEW.name, NEW.keywords, lower(NEW.pinyin_initials) || ' ' || NEW.pinyin_full,
          lower(replace(replace(replace(NEW.code, '-', ''), '_', ''), ' ', '')));
  INSERT INTO item_texts(rowid, materials, guide)
  VALUES (NEW.id, (SELECT coalesce(group_concat(name, ' '), '') FROM materials WHERE item_id = NEW.id),
          NEW.guide || ' ' || NEW.faq);
END;
CREATE TRIGGER item_search_update AFTER UPDATE OF name, keywords, pinyin_initials, pinyin_full, code, guide, faq
  ON service_items BEGIN
  DELETE FROM item_names WHERE rowid = OLD.id;
  DELETE FROM item_texts WHERE rowid = OLD.id;
  INSERT INTO item_names(rowid, name, keywords, pinyin, code)
  VALUES (NEW.id, NEW.name, NEW.keywords, lower(NEW.pinyin_initials) || ' ' || NEW.pinyin_full,
          lower(replace(replace(replace(NEW.code, '-', ''), '_', ''), ' ', '')));
  INSERT INTO item_texts(rowid, materials, guide)
  VALUES (NEW.id, (SELECT coalesce(group_concat(name, ' '), '') FROM materials WHERE item_id = NEW.id),
          NEW.guide || ' ' || NEW.faq);
END;
CREATE TRIGGER item_search_delete AFTER DELETE ON service_items BEGIN
  DELETE FROM item_names WHERE rowid = OLD.id;
  DELETE FROM item_texts WHERE rowid = OLD.id;
END;
CREATE TRIGGER item_search_material_insert AFTER INSERT ON materials BEGIN
  UPDATE item_texts SET materials = (SELECT coalesce(group_concat(name, ' '), '') FROM materials
                                     WHERE item_id = NEW.item_id) WHERE rowid = NEW.item_id;
END;
CREATE TRIGGER item_search_material_update AFTER UPDATE OF name, item_id ON materials BEGIN
  UPDATE item_texts SET materials = (SELECT coalesce(group_concat(name, ' '), '') FROM materials
                                     WHERE item_id = OLD.item_id) WHERE rowid = OLD.item_id;
  UPDATE item_texts SET materials = (SELECT coalesce(group_concat(name, ' '), '') FROM materials
                                     WHERE item_id = NEW.item_id) WHERE rowid = NEW.item_id;
END;
CREATE TRIGGER item_search_material_delete AFTER DELETE ON materials BEGIN
  UPDATE item_texts SET materials = (SELECT coalesce(group_concat(name, ' '), '') FROM materials
                                     WHERE item_id = OLD.item_id) WHERE rowid = OLD.item_id;
END;

INSERT INTO item_names(rowid, name, keywords, pinyin, code)
  SELECT id, name, keywords, lower(pinyin_initials), lower(replace(replace(replace(code, '-', ''), '_', ''), ' ', ''))
  FROM service_items;
INSERT INTO item_texts(rowid, materials, guide)
  SELECT i.id, (SELECT coalesce(group_concat(m.name, ' '), '') FROM materials m WHERE m.item_id = i.id),
         i.guide || ' ' || i.faq
  FROM service_items i;
