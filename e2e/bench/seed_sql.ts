// Fills the plugin's tables directly in the benchmark run's database: adding 100,000 todos through
// the API would take longer than the whole benchmark may. The rows follow the schema in
// server/store/migrations, and the list row's counters (next number, last position, version) are
// moved in the same transaction, exactly as the store's Add moves them, so the server carries on
// numbering and ordering after the seeded todos as if it had added them itself.
import {runSQL} from '../harness/postgres';

/** Must match positionGap in server/store/store.go. */
export const positionGap = 1024;

const id = /^[a-z0-9]{26}$/;

function checkId(what: string, value: string): string {
    if (!id.test(value)) {
        throw new Error(`${what} ${JSON.stringify(value)} is not a Mattermost id`);
    }
    return value;
}

export interface GrowOptions {
    channelId: string;
    /** How many todos to append. */
    count: number;
    creatorId: string;
    /** Assign every appended todo to this user (for "mine"). */
    assigneeId?: string;
    /** Distinguishes the generated ids of separate calls. */
    salt: string;
}

/**
 * Appends `count` open todos to the end of a channel's list, numbered and positioned after
 * whatever the list holds, in one transaction (psql -1) that holds the list row's lock.
 */
export function growChannelList(database: string, o: GrowOptions): void {
    const channel = checkId('channel', o.channelId);
    const creator = checkId('creator', o.creatorId);
    const assignee = o.assigneeId ? checkId('assignee', o.assigneeId) : '';
    if (!Number.isInteger(o.count) || o.count <= 0) {
        throw new Error(`bad count ${o.count}`);
    }
    if (!/^[a-z0-9]+$/.test(o.salt)) {
        throw new Error(`bad salt ${o.salt}`);
    }
    const list = `c_${channel}`;
    const now = Date.now();
    // created_at is spread one millisecond apart, oldest first, so "mine" pages walk a real order.
    runSQL(database, `
INSERT INTO channeltodo_lists (id, kind, channel_id, user_id, next_number, last_position, version, created_at)
VALUES ('${list}', 'channel', '${channel}', '', 1, 0, 0, ${now})
ON CONFLICT (id) DO NOTHING;

CREATE TEMP TABLE seed_base ON COMMIT DROP AS
SELECT next_number, last_position FROM channeltodo_lists WHERE id = '${list}' FOR UPDATE;

INSERT INTO channeltodo_todos (id, list_id, channel_id, number, text, state, position, creator_id, created_at, updated_at)
SELECT substr(md5('${o.salt}:' || i::text), 1, 26), '${list}', '${channel}', b.next_number + i - 1,
       'Seeded todo ' || (b.next_number + i - 1) || ' with some **Markdown** and a little more text',
       'open', b.last_position + i * ${positionGap}, '${creator}', ${now - o.count} + i, ${now - o.count} + i
FROM seed_base b, generate_series(1, ${o.count}) AS i;

${assignee ? `INSERT INTO channeltodo_assignees (todo_id, user_id, channel_id, created_at)
SELECT substr(md5('${o.salt}:' || i::text), 1, 26), '${assignee}', '${channel}', ${now - o.count} + i
FROM generate_series(1, ${o.count}) AS i;` : ''}

UPDATE channeltodo_lists SET next_number = next_number + ${o.count},
       last_position = last_position + ${o.count} * ${positionGap},
       version = version + ${o.count}
WHERE id = '${list}';
`);
}

/** Refreshes the planner's statistics after a bulk load, as autovacuum soon would. */
export function analyze(database: string): void {
    runSQL(database, 'ANALYZE channeltodo_lists; ANALYZE channeltodo_todos; ANALYZE channeltodo_assignees;');
}

/** The list row's counters and the number of todos, for checking the seed. */
export function listCounters(database: string, channelId: string): {nextNumber: number; todos: number; maxNumber: number; version: number} {
    const list = `c_${checkId('channel', channelId)}`;
    const out = runSQL(database, `SELECT l.next_number, (SELECT count(*) FROM channeltodo_todos WHERE list_id = l.id),
        (SELECT coalesce(max(number), 0) FROM channeltodo_todos WHERE list_id = l.id), l.version
        FROM channeltodo_lists l WHERE l.id = '${list}';`);
    if (out === '') {
        return {nextNumber: 1, todos: 0, maxNumber: 0, version: 0}; // no todo was ever added
    }
    const [nextNumber, todos, maxNumber, version] = out.split('|').map(Number);
    return {nextNumber, todos, maxNumber, version};
}

/**
 * Gives each channel one open todo assigned to `assigneeId`, for "mine" over many channels, in
 * one transaction. The channels must not have lists yet.
 */
export function seedAssignedAcross(database: string, o: {channelIds: string[]; creatorId: string; assigneeId: string; salt: string}): void {
    const creator = checkId('creator', o.creatorId);
    const assignee = checkId('assignee', o.assigneeId);
    if (!/^[a-z0-9]+$/.test(o.salt)) {
        throw new Error(`bad salt ${o.salt}`);
    }
    const channels = o.channelIds.map((c) => `'${checkId('channel', c)}'`).join(',');
    const now = Date.now();
    runSQL(database, `
CREATE TEMP TABLE seed_channels ON COMMIT DROP AS
SELECT c AS channel_id, 'c_' || c AS list_id, substr(md5('${o.salt}:' || c), 1, 26) AS todo_id,
       ${now} - row_number() OVER () AS created_at
FROM unnest(ARRAY[${channels}]::text[]) AS c;

INSERT INTO channeltodo_lists (id, kind, channel_id, user_id, next_number, last_position, version, created_at)
SELECT list_id, 'channel', channel_id, '', 2, ${positionGap}, 1, created_at FROM seed_channels;

INSERT INTO channeltodo_todos (id, list_id, channel_id, number, text, state, position, creator_id, created_at, updated_at)
SELECT todo_id, list_id, channel_id, 1, 'Seeded todo for mine in ' || channel_id, 'open', ${positionGap}, '${creator}', created_at, created_at
FROM seed_channels;

INSERT INTO channeltodo_assignees (todo_id, user_id, channel_id, created_at)
SELECT todo_id, '${assignee}', channel_id, created_at FROM seed_channels;
`);
}

/** The number of todos in a channel's list and how many numbers are distinct, for "nothing lost". */
export function listTotals(database: string, channelId: string): {todos: number; distinctNumbers: number; openCount: number} {
    const list = `c_${checkId('channel', channelId)}`;
    const out = runSQL(database, `SELECT count(*), count(DISTINCT number),
        (SELECT open_count FROM channeltodo_lists WHERE id = '${list}')
        FROM channeltodo_todos WHERE list_id = '${list}';`);
    const [todos, distinctNumbers, openCount] = out.split('|').map(Number);
    return {todos, distinctNumbers, openCount};
}
