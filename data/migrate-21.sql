-- Schema version 21: the special windows' work becomes cases like any
-- other (第十九条, 第二十四条–第二十六条). A cross-region request confirmed by
-- the home department, and each construction approval of a project's
-- stage, is accepted through the combined intake: a case number, the query
-- password, the checkpoint review with its versions, the promised date on
-- the calendar, the transfer slip to the department, the department's own
-- decision in the back office, clock stops and pickup. The tracker keeps
-- the link; an approval's state is then its case's. (remote_requests has
-- had case_id since version 7, unused until now.)
ALTER TABLE project_approvals ADD COLUMN case_id INTEGER REFERENCES cases(id);
CREATE INDEX project_approvals_case ON project_approvals(case_id);
CREATE INDEX remote_requests_case ON remote_requests(case_id);
