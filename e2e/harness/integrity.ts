// What the plugin's tables say about themselves, read straight from PostgreSQL: the reliability
// tests use it to check that nothing half-written survives a crash, a race or an upgrade.
import {runSQL, type PgTarget} from './postgres';

/**
 * Lists whose counters disagree with their rows, one line each (none on a sound database):
 * the next number must lie past every number used, the last position at or past every
 * position, and the open and done counts must be the rows' (soft-deleted todos not counted).
 */
export function inconsistentLists(database: string, target?: PgTarget): string[] {
    const out = runSQL(database, `
        SELECT l.id || ': next_number ' || l.next_number || ', max number ' || coalesce(t.max_number, 0)
            || ', last_position ' || l.last_position || ', max position ' || coalesce(t.max_position, 0)
            || ', open ' || l.open_count || '/' || coalesce(t.open, 0) || ', done ' || l.done_count || '/' || coalesce(t.done, 0)
        FROM channeltodo_lists l
        LEFT JOIN (SELECT list_id, max(number) AS max_number, max(position) AS max_position,
                          count(*) FILTER (WHERE state = 'open' AND deleted_at = 0) AS open,
                          count(*) FILTER (WHERE state = 'done' AND deleted_at = 0) AS done
                   FROM channeltodo_todos GROUP BY list_id) t ON t.list_id = l.id
        WHERE l.next_number <= coalesce(t.max_number, 0) OR l.last_position < coalesce(t.max_position, 0)
           OR l.open_count <> coalesce(t.open, 0) OR l.done_count <> coalesce(t.done, 0)
        ORDER BY l.id;`, target);
    return out === '' ? [] : out.split('\n');
}

/** The plugin's recorded migrations, in the order of their versions. */
export function appliedMigrations(database: string, target?: PgTarget): Array<{version: number; name: string}> {
    const out = runSQL(database, 'SELECT version, name FROM channeltodo_migrations ORDER BY version;', target);
    return out === '' ? [] : out.split('\n').map((line) => {
        const [version, name] = line.split('|');
        return {version: Number(version), name};
    });
}
