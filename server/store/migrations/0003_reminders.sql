-- Reminders (issue 12): the zone a due time was given in, what the bot has sent, and each
-- person's reminder settings.

-- The IANA zone of a due time ('' for a date without a time: it is due in each reader's day).
ALTER TABLE channeltodo_todos ADD COLUMN due_zone varchar(64) NOT NULL DEFAULT '';

-- Open todos with a due date, for the reminder scan.
CREATE INDEX channeltodo_todos_due_open ON channeltodo_todos (due_date, id)
    WHERE state = 'open' AND deleted_at = 0 AND due_date <> '';

-- One row per message the bot sent (or decided not to send, for an empty digest), written in
-- the same transaction as the decision: a restart neither loses nor repeats a message.
-- occasion says what the message was for: the due moment it announced, or the recipient's day
-- (overdue reminders and digests go out at most once a day).
CREATE TABLE channeltodo_reminders (
    todo_id  varchar(26) NOT NULL,
    user_id  varchar(26) NOT NULL,
    kind     varchar(16) NOT NULL,
    occasion varchar(120) NOT NULL,
    sent_at  bigint      NOT NULL,
    PRIMARY KEY (todo_id, user_id, kind, occasion)
);

-- Each person's own settings: the digest's local time ('' when off) and whether they hear
-- when someone else completes a todo they created.
CREATE TABLE channeltodo_user_settings (
    user_id           varchar(26) PRIMARY KEY,
    digest_time       varchar(5)  NOT NULL DEFAULT '',
    notify_completion boolean     NOT NULL DEFAULT false,
    updated_at        bigint      NOT NULL
);
