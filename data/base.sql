-- Rows every database needs, whatever the hall: the window categories.
-- Ticket prefixes are the letters printed on queue tickets.
INSERT INTO window_categories(code, name, ticket_prefix) VALUES
  ('combined',     '综合受理',     'A'),
  ('bundle',       '一次办',       'B'),
  ('remote',       '异地通办',     'C'),
  ('construction', '工程建设项目', 'D'),
  ('assist',       '帮您办',       'E'),
  ('pickup',       '统一出件',     'F'),
  ('guidance',     '咨询导办',     'G');
