-- How many todos each list holds, kept by the database itself, so a view can
-- say "20 of 100,000" without counting 100,000 rows. Statement triggers keep
-- the counts whoever writes (any plugin version on any node of a cluster, a
-- bulk load), and a bulk statement updates each list row once, not per row.
-- Soft-deleted todos are not counted.
ALTER TABLE channeltodo_lists
    ADD COLUMN open_count bigint NOT NULL DEFAULT 0,
    ADD COLUMN done_count bigint NOT NULL DEFAULT 0;

UPDATE channeltodo_lists l SET open_count = c.open, done_count = c.done
FROM (SELECT list_id,
             count(*) FILTER (WHERE state = 'open') AS open,
             count(*) FILTER (WHERE state = 'done') AS done
      FROM channeltodo_todos WHERE deleted_at = 0 GROUP BY list_id) c
WHERE l.id = c.list_id;

CREATE FUNCTION channeltodo_count_todos() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Each branch names only the transition tables its event has.
    IF TG_OP = 'INSERT' THEN
        UPDATE channeltodo_lists l SET open_count = l.open_count + c.open, done_count = l.done_count + c.done
        FROM (SELECT list_id,
                     count(*) FILTER (WHERE state = 'open') AS open,
                     count(*) FILTER (WHERE state = 'done') AS done
              FROM new_rows WHERE deleted_at = 0 GROUP BY list_id) c
        WHERE l.id = c.list_id;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE channeltodo_lists l SET open_count = l.open_count - c.open, done_count = l.done_count - c.done
        FROM (SELECT list_id,
                     count(*) FILTER (WHERE state = 'open') AS open,
                     count(*) FILTER (WHERE state = 'done') AS done
              FROM old_rows WHERE deleted_at = 0 GROUP BY list_id) c
        WHERE l.id = c.list_id;
    ELSE
        UPDATE channeltodo_lists l SET open_count = l.open_count + c.open, done_count = l.done_count + c.done
        FROM (SELECT list_id, sum(open) AS open, sum(done) AS done
              FROM (SELECT list_id, (state = 'open')::int AS open, (state = 'done')::int AS done
                    FROM new_rows WHERE deleted_at = 0
                    UNION ALL
                    SELECT list_id, -(state = 'open')::int, -(state = 'done')::int
                    FROM old_rows WHERE deleted_at = 0) d
              GROUP BY list_id HAVING sum(open) <> 0 OR sum(done) <> 0) c
        WHERE l.id = c.list_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER channeltodo_todos_count_insert AFTER INSERT ON channeltodo_todos
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION channeltodo_count_todos();
CREATE TRIGGER channeltodo_todos_count_update AFTER UPDATE ON channeltodo_todos
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION channeltodo_count_todos();
CREATE TRIGGER channeltodo_todos_count_delete AFTER DELETE ON channeltodo_todos
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION channeltodo_count_todos();
