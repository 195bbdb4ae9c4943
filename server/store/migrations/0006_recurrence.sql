-- Recurring todos (issue 15): the rule ('' for none; day, week, month or a weekday) and the
-- todo its completion created ('' until then), written in the same transaction as that todo,
-- so a todo recurs once however often it is completed.
ALTER TABLE channeltodo_todos ADD COLUMN recur varchar(16) NOT NULL DEFAULT '';
ALTER TABLE channeltodo_todos ADD COLUMN next_id varchar(26) NOT NULL DEFAULT '';
