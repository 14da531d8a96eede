-- Schema version 6: one thing, one visit (一件事一次办). A bundle is a
-- catalogue item whose case is accepted once and approved in parallel by
-- the departments of its member items; an 一证通 bundle ends with the
-- hall's industry comprehensive licence.

CREATE TABLE bundle_members (
  bundle_item_id INTEGER NOT NULL REFERENCES service_items(id),
  member_item_id INTEGER NOT NULL REFERENCES service_items(id),
  seq            INTEGER NOT NULL,
  PRIMARY KEY (bundle_item_id, member_item_id)
);

ALTER TABLE service_items ADD COLUMN comprehensive_licence INTEGER NOT NULL DEFAULT 0;

CREATE INDEX cases_parent ON cases(parent_case_id);

-- The shipped bundles are data/bundles.sql, loaded after the catalogue.
