-- Priorities (issue 15): 0 none, 1 low, 2 medium, 3 high. Adding a column with a constant
-- default rewrites no rows, so existing lists of any size migrate at once.
ALTER TABLE channeltodo_todos ADD COLUMN priority smallint NOT NULL DEFAULT 0;

-- A list sorted by priority (most urgent first, then the list's order) or by due date (earliest
-- first, undated last, then the list's order), for one state: each page walks its index from
-- the cursor, as the list's own order does, instead of sorting the whole list.
CREATE INDEX channeltodo_todos_list_priority ON channeltodo_todos (list_id, state, (-priority), position, id)
    WHERE deleted_at = 0;
CREATE INDEX channeltodo_todos_list_due ON channeltodo_todos (list_id, state, (due_date = ''), due_date, due_time, position, id)
    WHERE deleted_at = 0;
