// An upgrade with data in the database (issue 14.3): the previous release's bundle, built from
// this repository's history (harness/previous_release.ts), writes todos on two servers; today's
// bundle is then uploaded to both at the same moment while they run, as a cluster spreads an
// upload, so both activate it at once and race for the migrations. Every todo, number,
// assignee and due date survives, each migration runs once, and a database written by a newer
// plugin is refused whole at activation.
//
// The test runs its own stack (a fresh database the previous release creates), beside the
// run's, and tears it down afterwards, also when it fails.
import fs from 'node:fs';
import path from 'node:path';

import type {Client4} from '@mattermost/client';

import {eventually} from '../../harness/eventually';
import {recordFigure} from '../../harness/figures';
import {appliedMigrations, inconsistentLists} from '../../harness/integrity';
import {logTail} from '../../harness/mm_server';
import {startPeer, waitForPlugin, type Peer} from '../../harness/peer_server';
import {repoRoot} from '../../harness/paths';
import {findBundle, installPlugin, PluginState} from '../../harness/plugin';
import {runSQL} from '../../harness/postgres';
import {previousReleaseBundle} from '../../harness/previous_release';
import {startStack} from '../../harness/run';
import {createScratchChannel} from '../../harness/scratch_channel';
import {sized, timeoutFor} from '../../harness/soak';
import {clientFor, type StackState} from '../../harness/stack';
import {finishTestRun, newTestRun, type TestRun} from '../../harness/test_runs';
import {TodoApi, type Todo} from '../../harness/todo_api';

let run: TestRun | undefined;
let stack: StackState;
let peer: Peer;
let admins: Client4[];
/** The channels the previous release wrote to. */
const channelIds: string[] = [];

function log(line: string): void {
    process.stderr.write(`[upgrade] ${line}\n`);
}

beforeAll(async () => {
    const previous = previousReleaseBundle(log);
    run = newTestRun();
    stack = await startStack({runDir: run.runDir, database: run.database, freshDatabase: true, bundle: previous, log});
    // Channels are made before the peer starts, which could miss the memberships otherwise
    // (see two_servers.test.ts).
    const admin = clientFor(stack.admin, stack.siteURL);
    for (const i of [0, 1]) {
        channelIds.push((await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id, stack.user2.id], `upgrade-${i}`)).id);
    }
    peer = await startPeer(stack);
    admins = [admin, clientFor(stack.admin, peer.siteURL)];
}, 600_000);

afterAll(async () => {
    if (run) {
        await finishTestRun(run, process.env.CHANNEL_TODO_KEEP_RUN === '1');
    }
});

/** The migrations today's plugin has (server/store/migrations/NNNN_name.sql). */
const todaysMigrations = fs.readdirSync(path.join(repoRoot, 'server', 'store', 'migrations')).
    map((f) => Number(f.split('_')[0])).sort((a, b) => a - b);

/** What must survive of a todo: everything a person set or saw. */
function essentials(t: Todo): unknown {
    return {
        id: t.id, number: t.number, text: t.text, state: t.state, position: t.position,
        assignees: [...(t.assignees ?? [])].sort(), due: t.due ?? null, creator_id: t.creator_id,
        completed_by: t.completed_by ?? '', created_at: t.created_at,
    };
}

async function everything(api: TodoApi, channelIds: string[]): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const id of channelIds) {
        out.push(...(await api.listChannelAll(id, {state: 'all', limit: 200})).todos.map(essentials));
    }
    out.push(...(await api.listPersonal({state: 'all', limit: 200})).todos.map(essentials));
    return out;
}

test('data written by the previous release survives today\'s bundle, uploaded to both servers at once', async () => {
    expect(appliedMigrations(stack.database).map((m) => m.version)).toEqual([1]);

    // Write with the previous release, through both servers: assignees, due dates (with and
    // without a time), completed and deleted todos, a moved one, a personal list.
    const apis = [TodoApi.as(stack.user1, stack.siteURL), TodoApi.as(stack.user2, peer.siteURL)];
    const perChannel = sized(30, 300);
    for (const [c, channelId] of channelIds.entries()) {
        for (let i = 0; i < perChannel; i++) {
            const api = apis[i % 2];
            const todo = await api.addToChannel(channelId, {
                text: `upgrade ${c}.${i}`,
                assignees: i % 3 === 0 ? [stack.user1.id, stack.user2.id] : i % 3 === 1 ? [stack.user2.id] : [],
                due: i % 4 === 0 ? {date: '2027-01-15', time: '09:30'} : i % 4 === 1 ? {date: '2027-02-01'} : undefined,
            });
            if (i % 5 === 0) {
                await api.complete(todo.id);
            } else if (i % 7 === 0) {
                await api.delete(todo.id);
            } else if (i === 8) {
                await api.move(todo.id, {to: 'top'});
            }
        }
    }
    await apis[0].addPersonal({text: 'upgrade personal', due: {date: '2027-03-03', time: '18:00'}});
    const before = await everything(apis[0], channelIds);
    expect(before.length).toBeGreaterThan(2 * perChannel * 0.8);

    // Today's bundle, uploaded to both running servers at the same moment.
    const today = findBundle();
    await Promise.all(admins.map((admin, i) => installPlugin(admin, today, i ? peer.logFile : stack.logFile)));

    // Both run it and the migrations ran once: recorded once each, announced by one server.
    const migrations = appliedMigrations(stack.database);
    expect(migrations.map((m) => m.version)).toEqual(todaysMigrations);
    // (The previous release announced version 1 when the stack was set up.)
    const announced = [stack.logFile, peer.logFile].flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').
        filter((l) => l.includes('Applied database migrations') && !l.includes('versions="[1]"')));
    expect(announced).toHaveLength(1);
    expect(announced[0]).toContain(`versions="[${todaysMigrations.slice(1).join(' ')}]"`);

    // Everything as it was, read through either server, and the lists' counters agree.
    expect(await everything(apis[0], channelIds)).toEqual(before);
    expect(await everything(TodoApi.as(stack.user1, peer.siteURL), channelIds)).toEqual(before);
    expect(inconsistentLists(stack.database)).toEqual([]);
    // Numbering carries on after the last number the previous release gave.
    expect((await apis[1].addToChannel(channelIds[0], {text: 'after the upgrade'})).number).toBe(perChannel + 1);
    recordFigure('upgrade', `${before.length} todos written by the previous release through two servers, read back the same through both after today's bundle went to both at once; migrations ${todaysMigrations.slice(1).join(', ')} applied once, by one server`);
}, timeoutFor(300_000, 900_000));

test('a database written by a newer plugin is refused at activation, and nothing is changed', async () => {
    const api = TodoApi.as(stack.user1, stack.siteURL);
    const before = await everything(api, channelIds);
    const migrations = appliedMigrations(stack.database);
    const newest = migrations[migrations.length - 1].version;
    // What a later release leaves behind: one more migration recorded.
    runSQL(stack.database, `INSERT INTO channeltodo_migrations (version, name, applied_at) VALUES (${newest + 1}, '${newest + 1}_from_the_future', 0);`);
    try {
        await admins[0].disablePlugin(stack.pluginId);
        await admins[0].enablePlugin(stack.pluginId).catch(() => undefined);
        // Activation runs inside the enable call; the status is read until it leaves Starting.
        await eventually(async () => {
            const status = (await admins[0].getPluginStatuses()).find((s) => s.plugin_id === stack.pluginId);
            expect(status?.state).toBe(PluginState.FailedToStart);
        });
        const refusal = `Channel Todo refuses to start: the database holds Channel Todo schema version ${newest + 1} (${newest + 1}_from_the_future), newer than this plugin version knows (up to ${newest})`;
        expect(logTail(stack.logFile, 400)).toContain(refusal);
        // Nothing was applied behind the refusal.
        expect(appliedMigrations(stack.database)).toEqual([...migrations, {version: newest + 1, name: `${newest + 1}_from_the_future`}]);
    } finally {
        runSQL(stack.database, `DELETE FROM channeltodo_migrations WHERE version = ${newest + 1};`);
    }
    await admins[0].disablePlugin(stack.pluginId);
    await admins[0].enablePlugin(stack.pluginId);
    await waitForPlugin(stack, stack);
    expect(await everything(api, channelIds)).toEqual(before);
    recordFigure('upgrade', `a database with schema version ${newest + 1}: activation refused with the clear log line, nothing applied; ${before.length} todos as before once it was removed`);
}, 120_000);
