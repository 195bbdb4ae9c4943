-- The reminder job's bookmark (issue 12): the moment before which a todo owes nobody a
-- message, so the job, which runs once a minute, reads only the todos it may have to act on
-- instead of every todo due by tomorrow. 0 means "look at it at the next round"; every change
-- of a todo sets it back to 0.
ALTER TABLE channeltodo_todos ADD COLUMN remind_after bigint NOT NULL DEFAULT 0;

CREATE INDEX channeltodo_todos_remind_after ON channeltodo_todos (remind_after, due_date)
    WHERE state = 'open' AND deleted_at = 0 AND due_date <> '';
