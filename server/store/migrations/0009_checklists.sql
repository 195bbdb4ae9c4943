-- Checklists (issue 15): the items of a todo, in order. Positions are 1..n without gaps
-- ("item 2" is the second line); every change of a checklist first bumps its list's version,
-- which serializes it with the list's other changes. The unique position is checked at the
-- end of each statement, so one statement may shift a run of items by one.
CREATE TABLE channeltodo_items (
    id         varchar(26) PRIMARY KEY,
    todo_id    varchar(26) NOT NULL REFERENCES channeltodo_todos (id) ON DELETE CASCADE,
    position   integer     NOT NULL,
    text       text        NOT NULL,
    done       boolean     NOT NULL DEFAULT false,
    done_by    varchar(26) NOT NULL DEFAULT '',
    done_at    bigint      NOT NULL DEFAULT 0,
    creator_id varchar(26) NOT NULL,
    created_at bigint      NOT NULL,
    updated_at bigint      NOT NULL,
    CONSTRAINT channeltodo_items_todo_position UNIQUE (todo_id, position) DEFERRABLE INITIALLY IMMEDIATE
);
