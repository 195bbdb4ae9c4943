// The database side of a real deployment (issues 14.4 and 14.7), on a PostgreSQL of the test's
// own (the machine's shared server must not be restarted): a streaming replica configured as
// Mattermost's DataSourceReplicas, and the primary restarted under load.
import type {Channel} from '@mattermost/types/channels';

import {eventually} from '../../harness/eventually';
import {recordFigure} from '../../harness/figures';
import {inconsistentLists} from '../../harness/integrity';
import type {PgTarget} from '../../harness/postgres';
import {instanceDataSource, instanceSQL, restartInstance, startPrimary, startReplica, type PgInstance} from '../../harness/private_postgres';
import {startStack} from '../../harness/run';
import {createScratchChannel} from '../../harness/scratch_channel';
import {sized} from '../../harness/soak';
import {clientFor, type StackState} from '../../harness/stack';
import {finishTestRun, newTestRun, type TestRun} from '../../harness/test_runs';
import {TodoApi, type Answer, type Todo} from '../../harness/todo_api';

let run: TestRun | undefined;
let primary: PgInstance;
let replica: PgInstance;
let target: PgTarget;
let stack: StackState;
const channels: Channel[] = [];

function log(line: string): void {
    process.stderr.write(`[database] ${line}\n`);
}

beforeAll(async () => {
    run = newTestRun();
    primary = await startPrimary(run.runDir);
    replica = await startReplica(run.runDir, primary);
    target = {host: '127.0.0.1', port: primary.port, user: 'postgres'};
    stack = await startStack({
        runDir: run.runDir, database: run.database, freshDatabase: true, pg: target, log,
        env: {MM_SQLSETTINGS_DATASOURCEREPLICAS: instanceDataSource(replica, run.database)},
    });
    // Channels and memberships first: Mattermost reads some of its own data from the replica.
    const admin = clientFor(stack.admin, stack.siteURL);
    for (const name of ['replica', 'restart']) {
        channels.push(await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id, stack.user2.id], name));
    }
}, 600_000);

afterAll(async () => {
    if (run) {
        await finishTestRun(run, process.env.CHANNEL_TODO_KEEP_RUN === '1');
    }
});

test('with a streaming replica configured: everything works, every write reaches the replica', async () => {
    const [channel] = channels;
    expect(instanceSQL(primary, 'SELECT state FROM pg_stat_replication')).toBe('streaming');
    const writer = TodoApi.as(stack.user1, stack.siteURL);
    const other = TodoApi.as(stack.user2, stack.siteURL);
    const n = sized(10, 100);
    for (let i = 0; i < n; i++) {
        const added = await writer.addToChannel(channel.id, {text: `replica ${i}`, assignees: [stack.user2.id]});
        // A person reads their own write at once, and so does anyone else.
        const own = await writer.listChannelAll(channel.id, {state: 'all', limit: 200});
        expect(own.todos.map((t) => t.number)).toEqual(Array.from({length: i + 1}, (_, k) => k + 1));
        expect((await other.byNumber(channel.id, added.number)).id).toBe(added.id);
        expect((await other.mine({limit: 200})).todos.some((t) => t.id === added.id)).toBe(true);
    }
    // The writes streamed to the replica.
    await eventually(async () => {
        expect(instanceSQL(replica, `SELECT count(*) FROM channeltodo_todos WHERE channel_id = '${channel.id}'`, run!.database)).toBe(String(n));
    });
    recordFigure('replica', `${n} adds, each read at once by its writer and by another person, with a streaming replica as DataSourceReplicas; all ${n} on the replica (an unlicensed Mattermost reads from the master)`);
    // Mattermost without a licence opens the replica but sends every read to the master
    // (sqlstore's GetReplica and GetInternalReplicaDB check for a licence): the plugin's replica
    // handle is the master here. The store's own tests check which reads use the replica handle.
}, 120_000);

test('PostgreSQL restarted under load: requests meanwhile fail with a clear 503, then it recovers by itself', async () => {
    const channel = channels[1];
    const apis = [TodoApi.as(stack.user1, stack.siteURL), TodoApi.as(stack.user2, stack.siteURL)];
    await apis[0].addToChannel(channel.id, {text: 'before the restart'});
    const answers: Array<{kind: string; answer?: Answer; error?: string}> = [];
    const acknowledged: Todo[] = [];
    let phase: 'before' | 'restarting' | 'after' = 'before';
    let afterCount = 0;
    const client = async (c: number): Promise<void> => {
        const api = apis[c % 2];
        for (let i = 0; phase !== 'after' || afterCount < sized(40, 400); i++) {
            const write = c % 2 === 0;
            const kind = write ? 'add' : 'list';
            let entry: {kind: string; answer?: Answer; error?: string};
            try {
                const answer = write ?
                    await api.request('POST', `/channels/${channel.id}/todos`, {body: {text: `restart ${c}.${i}`}}) :
                    await api.request('GET', `/channels/${channel.id}/todos?limit=50`);
                entry = {kind, answer};
                if (write && answer.status === 201) {
                    acknowledged.push(answer.json as Todo);
                }
            } catch (err) {
                entry = {kind, error: err instanceof Error ? err.message : String(err)};
            }
            answers.push(entry);
            if (phase === 'after') {
                afterCount++;
            }
        }
    };
    const clients = Array.from({length: 4}, (_, c) => client(c));
    await eventually(async () => expect(acknowledged.length).toBeGreaterThanOrEqual(10));
    phase = 'restarting';
    const cut = answers.length;
    await restartInstance(primary, 2000);
    phase = 'after';
    await Promise.all(clients);

    // Every answer was either a success or the plugin's clear refusal; nothing else.
    const bad = answers.filter((a) => a.error || (a.answer && ![200, 201].includes(a.answer.status) && a.answer.status !== 503));
    expect(bad.map((a) => `${a.kind}: ${a.error ?? `${a.answer!.status} ${a.answer!.text}`}`)).toEqual([]);
    for (const a of answers.filter((x) => x.answer?.status === 503)) {
        expect(a.answer!.json).toMatchObject({code: 'database_unavailable'});
    }
    // It recovered without help: the last requests all succeeded.
    expect(answers.slice(-10).map((a) => a.answer?.status)).toEqual(answers.slice(-10).map((a) => (a.kind === 'add' ? 201 : 200)));
    recordFigure('database restart', `PostgreSQL stopped 2 s under 4 clients: ${answers.length} requests, ${cut} before the restart, ${answers.filter((a) => a.answer?.status === 503).length} answered 503 database_unavailable, none anything else; the last 10 succeeded; ${acknowledged.length} acknowledged adds all stored`);
    // Every acknowledged add is stored, and the list's counters agree.
    const {todos} = await apis[0].listChannelAll(channel.id, {state: 'all', limit: 200});
    const ids = new Set(todos.map((t) => t.id));
    expect(acknowledged.filter((t) => !ids.has(t.id)).map((t) => t.text)).toEqual([]);
    expect(inconsistentLists(stack.database, target)).toEqual([]);
}, 180_000);
