// Two Mattermost servers on one database, each running the plugin, driven at the same time (issue
// 14.1). Nothing may be lost or doubled between them: the database is the only thing they share
// that matters (docs/RELIABILITY.md says what a licensed cluster adds and what is not exercised).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type {Channel} from '@mattermost/types/channels';

import {recordFigure} from '../../harness/figures';
import {appliedMigrations, inconsistentLists} from '../../harness/integrity';
import {startPeer, stopPeer, waitForPlugin, type Peer} from '../../harness/peer_server';
import {currentSettings, replaceSettings} from '../../harness/plugin_config';
import {createScratchChannel} from '../../harness/scratch_channel';
import {inFlight, sized, timeoutFor} from '../../harness/soak';
import {clientFor, loadState, type StackState} from '../../harness/stack';
import {TodoApi, type Answer, type Todo} from '../../harness/todo_api';
import {findExecutable, ToolBridge} from '../../harness/tool_bridge';

let stack: StackState;
let peer: Peer | undefined;
/** The two servers' site URLs: the stack's and the peer's. */
let servers: [string, string];
/** One channel per test, user1 and user2 members. */
const channels: Record<'adds' | 'mixed' | 'enable' | 'tool', Channel> = {} as never;

beforeAll(async () => {
    stack = loadState();
    // Channels and memberships are made before the second server starts: without a cluster,
    // Mattermost's own caches (a user's channel memberships among them) are per process, and a
    // membership added through one server can stay unknown to the other until its cache entry
    // expires. The plugin keeps no such cache; docs/RELIABILITY.md has the details.
    const admin = clientFor(stack.admin, stack.siteURL);
    for (const name of ['adds', 'mixed', 'enable', 'tool'] as const) {
        channels[name] = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id, stack.user2.id], `two-servers-${name}`);
    }
    peer = await startPeer(stack);
    servers = [stack.siteURL, peer.siteURL];
}, 240_000);

afterAll(async () => {
    if (peer) {
        await stopPeer(peer);
    }
});

function failures(answers: Answer[], ok: number): string[] {
    return answers.filter((a) => a.status !== ok).map((a) => `${a.status} ${a.text}`);
}

const adds = sized(200, 2000);

test(`${adds} adds to one list through both servers at once: numbered 1..${adds}, none lost, none twice`, async () => {
    const channel = channels.adds;
    // user1 talks to one server, user2 to the other, alternating.
    const apis = [TodoApi.as(stack.user1, servers[0]), TodoApi.as(stack.user2, servers[1])];
    const answers = await inFlight(Array.from({length: adds}, (_, i) => i), 64, (i) =>
        apis[i % 2].request('POST', `/channels/${channel.id}/todos`, {body: {text: `two servers ${i}`}}));
    expect(failures(answers, 201)).toEqual([]);

    const expected = Array.from({length: adds}, (_, i) => i + 1);
    expect(answers.map((a) => (a.json as Todo).number).sort((a, b) => a - b)).toEqual(expected);
    // Both servers read the same list: every text once, numbers 1..n in list order.
    for (const api of apis) {
        const {todos} = await api.listChannelAll(channel.id, {state: 'all', limit: 200});
        expect(todos.map((t) => t.number)).toEqual(expected);
        expect(todos.map((t) => t.text).sort()).toEqual(Array.from({length: adds}, (_, i) => `two servers ${i}`).sort());
    }
    expect(inconsistentLists(stack.database)).toEqual([]);
    recordFigure('two servers', `${adds} adds through both at once: ${adds} acknowledged, numbered 1..${adds}, none lost or twice`);
}, timeoutFor(60_000, 600_000));

test('completes, moves and deletes through both servers at once leave the list the acknowledged operations describe', async () => {
    const channel = channels.mixed;
    const [a, b] = [TodoApi.as(stack.user1, servers[0]), TodoApi.as(stack.user2, servers[1])];
    const size = sized(60, 400);
    const seeded: Todo[] = [];
    for (let i = 0; i < size; i++) {
        seeded.push(await a.addToChannel(channel.id, {text: `mixed ${i}`}));
    }

    // Each todo gets one kind of treatment; the same todo is often hit through both servers at
    // once, so both orders of a conflicting pair happen somewhere in the run.
    type Op = {todo: Todo; api: TodoApi; action: 'complete' | 'delete' | 'move'};
    const ops: Op[] = [];
    seeded.forEach((todo, i) => {
        switch (i % 5) {
        case 0: ops.push({todo, api: a, action: 'complete'}, {todo, api: b, action: 'complete'}); break;
        case 1: ops.push({todo, api: b, action: 'delete'}); break;
        case 2: ops.push({todo, api: a, action: 'complete'}, {todo, api: b, action: 'delete'}); break;
        case 3: ops.push({todo, api: i % 2 ? a : b, action: 'move'}); break;
        default: break; // left alone
        }
    });
    const answers = await inFlight(ops, 32, (op) => {
        const path = op.action === 'move' ? `/todos/${op.todo.id}/move` : op.action === 'delete' ? `/todos/${op.todo.id}` : `/todos/${op.todo.id}/${op.action}`;
        return op.api.request(op.action === 'delete' ? 'DELETE' : 'POST', path, op.action === 'move' ? {body: {to: 'bottom'}} : {});
    });

    // What the acknowledged operations say the list must be.
    const deleted = new Set<string>();
    const done = new Map<string, string>();
    const movedTo = new Map<string, number>();
    ops.forEach((op, i) => {
        const answer = answers[i];
        if (answer.status === 200) {
            const todo = answer.json as Todo;
            if (op.action === 'delete') {
                deleted.add(op.todo.id);
            } else if (op.action === 'complete') {
                done.set(op.todo.id, todo.completed_by ?? '');
            } else {
                movedTo.set(op.todo.id, todo.position);
            }
            return;
        }
        // The only refusal allowed: completing a todo the other server had just deleted.
        expect({action: op.action, status: answer.status}).toEqual({action: 'complete', status: 404});
        expect(ops.some((other, j) => other.todo.id === op.todo.id && other.action === 'delete' && answers[j].status === 200)).toBe(true);
    });
    expect(seeded.filter((_t, i) => i % 5 === 1).every((t) => deleted.has(t.id))).toBe(true);
    expect(seeded.filter((_t, i) => i % 5 === 3).every((t) => movedTo.has(t.id))).toBe(true);

    const survivors = seeded.filter((t) => !deleted.has(t.id));
    // Untouched and completed todos keep their places; moved ones follow them, in the order
    // their moves were acknowledged with.
    const stay = survivors.filter((t) => !movedTo.has(t.id));
    const moved = survivors.filter((t) => movedTo.has(t.id)).sort((x, y) => movedTo.get(x.id)! - movedTo.get(y.id)!);
    const expected = [...stay, ...moved].map((t) => ({
        id: t.id,
        state: done.has(t.id) ? 'done' : 'open',
        completed_by: done.get(t.id) ?? '',
    }));
    for (const api of [a, b]) {
        const {todos} = await api.listChannelAll(channel.id, {state: 'all', limit: 200});
        expect(todos.map((t) => ({id: t.id, state: t.state, completed_by: t.completed_by ?? ''}))).toEqual(expected);
    }
    const open = await b.listChannelAll(channel.id, {state: 'open', limit: 200});
    expect(open.todos.map((t) => t.id)).toEqual(expected.filter((t) => t.state === 'open').map((t) => t.id));
    expect(inconsistentLists(stack.database)).toEqual([]);
    const refused = answers.filter((x) => x.status !== 200).length;
    recordFigure('two servers', `${ops.length} completes, moves and deletes on ${size} todos through both: ${done.size} completed, ${deleted.size} deleted, ${movedTo.size} moved, ${refused} refused 404 (completing a todo just deleted); the list as acknowledged`);
}, timeoutFor(60_000, 600_000));

test('disabling and enabling the plugin on both servers at the same moment: both run it, each migration recorded once', async () => {
    const before = appliedMigrations(stack.database);
    expect(before.length).toBeGreaterThan(0);
    const admins = servers.map((url) => clientFor(stack.admin, url));
    await Promise.all(admins.map((admin) => admin.disablePlugin(stack.pluginId)));
    await Promise.all(admins.map((admin) => admin.enablePlugin(stack.pluginId)));
    await waitForPlugin({siteURL: servers[0], logFile: stack.logFile}, stack);
    await waitForPlugin(peer!, stack);
    expect(appliedMigrations(stack.database)).toEqual(before);
    // Both answer, on the same list.
    const channel = channels.enable;
    await TodoApi.as(stack.user1, servers[0]).addToChannel(channel.id, {text: 'after enabling, first'});
    const second = await TodoApi.as(stack.user1, servers[1]).addToChannel(channel.id, {text: 'after enabling, second'});
    expect(second.number).toBe(2);
    recordFigure('two servers', `plugin disabled and enabled on both at once: both run it, ${before.length} migrations recorded once each`);
}, 120_000);

describe('the command-line tool through both servers', () => {
    let dataRoot: string;
    const restore: Array<() => Promise<void>> = [];

    beforeAll(async () => {
        dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'channel-todo-two-servers-'));
        // Without a cluster, a setting saved through one server changes that server only: an
        // admin of such a deployment saves it on each (a licensed cluster spreads it).
        for (const url of servers) {
            const admin = clientFor(stack.admin, url);
            const original = await currentSettings(admin);
            restore.push(() => replaceSettings(admin, original));
            await new ToolBridge({...stack, siteURL: url}).use({preset: 'todo.txt', executable: findExecutable('todo-txt'), dataRoot, channels: channels.tool.id}, channels.tool.id);
        }
    }, 60_000);

    afterAll(async () => {
        for (const undo of restore) {
            await undo();
        }
        if (dataRoot) {
            fs.rmSync(dataRoot, {recursive: true, force: true});
        }
    });

    const lines = sized(30, 300);

    test(`${lines} adds through both at once: every line once in the tool's file and list`, async () => {
        const bridges = servers.map((url) => new ToolBridge({...stack, siteURL: url}));
        const texts = Array.from({length: lines}, (_, i) => `tool line ${i}`);
        const channel = channels.tool;
        const answers = await inFlight(texts, 16, (text, i) =>
            bridges[i % 2].route(i % 2 ? stack.user2 : stack.user1, channel.id, 'POST', {verb: 'add', arg: text}));
        expect(answers.filter((r) => r.status !== 200 || !r.body.ok).map((r) => JSON.stringify(r.body))).toEqual([]);

        const file = fs.readFileSync(path.join(dataRoot, `channel-${channel.id}`, 'todo.txt'), 'utf8');
        const stored = file.split('\n').filter((l) => l !== '');
        expect(stored.map((l) => l.replace(/^\d{4}-\d{2}-\d{2} /, '')).sort()).toEqual([...texts].sort());
        for (const [i, bridge] of bridges.entries()) {
            const list = await bridge.route(i ? stack.user2 : stack.user1, channel.id, 'GET');
            expect(list.status).toBe(200);
            const items = list.body.items;
            expect(items.map((item) => item.text).sort()).toEqual([...texts].sort());
            // The tool numbers lines 1..n: no number twice, none skipped.
            expect(items.map((item) => Number(item.id)).sort((x, y) => x - y)).toEqual(Array.from({length: lines}, (_, n) => n + 1));
        }
        recordFigure('two servers', `${lines} tool adds through both at once: ${stored.length} lines in todo.txt, numbered 1..${lines}`);
    }, timeoutFor(60_000, 600_000));
});
