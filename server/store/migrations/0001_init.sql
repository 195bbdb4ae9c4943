-- Lists: one row per channel list or personal list. The row is the lock
-- every change of the list takes first, so changes to one list are serialized
-- and numbers, positions and versions are allocated without gaps or races.
CREATE TABLE channeltodo_lists (
    id            varchar(40) PRIMARY KEY,
    kind          varchar(16) NOT NULL,
    channel_id    varchar(26) NOT NULL DEFAULT '',
    user_id       varchar(26) NOT NULL DEFAULT '',
    next_number   bigint      NOT NULL DEFAULT 1,
    last_position bigint      NOT NULL DEFAULT 0,
    version       bigint      NOT NULL DEFAULT 0,
    created_at    bigint      NOT NULL
);

CREATE TABLE channeltodo_todos (
    id           varchar(26) PRIMARY KEY,
    list_id      varchar(40) NOT NULL REFERENCES channeltodo_lists (id),
    channel_id   varchar(26) NOT NULL DEFAULT '',
    number       bigint      NOT NULL,
    text         text        NOT NULL,
    state        varchar(8)  NOT NULL,
    position     bigint      NOT NULL,
    creator_id   varchar(26) NOT NULL,
    created_at   bigint      NOT NULL,
    updated_at   bigint      NOT NULL,
    completed_by varchar(26) NOT NULL DEFAULT '',
    completed_at bigint      NOT NULL DEFAULT 0,
    due_date     varchar(10) NOT NULL DEFAULT '',
    due_time     varchar(5)  NOT NULL DEFAULT '',
    post_id      varchar(26) NOT NULL DEFAULT '',
    root_id      varchar(26) NOT NULL DEFAULT '',
    deleted_at   bigint      NOT NULL DEFAULT 0,
    deleted_by   varchar(26) NOT NULL DEFAULT '',
    CONSTRAINT channeltodo_todos_list_number UNIQUE (list_id, number)
);

-- List order ("all", export, move neighbours).
CREATE INDEX channeltodo_todos_list_position ON channeltodo_todos (list_id, position, id);
-- Open todos in list order, without walking past done ones.
CREATE INDEX channeltodo_todos_list_open ON channeltodo_todos (list_id, position, id)
    WHERE state = 'open' AND deleted_at = 0;
-- Completed history, most recent first.
CREATE INDEX channeltodo_todos_list_done ON channeltodo_todos (list_id, completed_at DESC, id DESC)
    WHERE state = 'done' AND deleted_at = 0;
-- "Mine": the personal list in creation order.
CREATE INDEX channeltodo_todos_list_created ON channeltodo_todos (list_id, created_at, id)
    WHERE deleted_at = 0;

-- created_at is the todo's (it never changes), copied here so "mine" can walk
-- a user's assignments in the order it pages in, without sorting them all.
CREATE TABLE channeltodo_assignees (
    todo_id    varchar(26) NOT NULL REFERENCES channeltodo_todos (id) ON DELETE CASCADE,
    user_id    varchar(26) NOT NULL,
    channel_id varchar(26) NOT NULL DEFAULT '',
    created_at bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (todo_id, user_id)
);

-- "Mine": the channels where a user has assignments...
CREATE INDEX channeltodo_assignees_user_channel ON channeltodo_assignees (user_id, channel_id);
-- ...and the assignments in creation order.
CREATE INDEX channeltodo_assignees_user_created ON channeltodo_assignees (user_id, created_at, todo_id);
