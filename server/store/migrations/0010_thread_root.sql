-- Live reply counts (issue 15): a reply posted in a thread, or deleted from it, looks up the
-- todos whose thread it is. A todo's thread root is the thread its post is in (root_id), or its
-- post itself when that post is a root; the index is on that expression, for the todos that
-- have one, so the lookup is one index probe and posts in other threads cost no more.
CREATE INDEX channeltodo_todos_thread_root
    ON channeltodo_todos ((CASE WHEN root_id <> '' THEN root_id ELSE post_id END))
    WHERE deleted_at = 0 AND (root_id <> '' OR post_id <> '');
