// A server killed with SIGKILL in the middle of a write load, then started again (issue 14.2):
// every change it acknowledged is there, nothing half-written is, and the other server on the
// same database kept working throughout. The killed server is a peer of the stack's, so the
// rest of the run keeps its server.
import fs from 'node:fs';

import type {Channel} from '@mattermost/types/channels';

import {eventually} from '../../harness/eventually';
import {recordFigure} from '../../harness/figures';
import {inconsistentLists} from '../../harness/integrity';
import {isAlive} from '../../harness/mm_server';
import {killPeer, startPeer, stopPeer, type Peer} from '../../harness/peer_server';
import {createScratchChannel} from '../../harness/scratch_channel';
import {sized, timeoutFor} from '../../harness/soak';
import {clientFor, loadState, type Login, type StackState} from '../../harness/stack';
import {TodoApi, type Todo} from '../../harness/todo_api';

let stack: StackState;
let peer: Peer | undefined;
let channel: Channel;

beforeAll(async () => {
    stack = loadState();
    // Made before the peer starts: without a cluster it could miss the memberships (see
    // two_servers.test.ts).
    channel = await createScratchChannel(clientFor(stack.admin, stack.siteURL), stack.team.id, 'O', [stack.user1.id, stack.user2.id], 'crash');
    peer = await startPeer(stack, 'crash');
}, 240_000);

afterAll(async () => {
    if (peer) {
        await stopPeer(peer);
    }
});

/** The plugin processes a server started: their executable lies in its plugins directory. */
function pluginProcessesOf(runDir: string): number[] {
    const pids: number[] = [];
    for (const entry of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) {
            continue;
        }
        try {
            if (fs.readlinkSync(`/proc/${entry}/exe`).startsWith(`${runDir}/plugins/`)) {
                pids.push(Number(entry));
            }
        } catch {
            // gone, or not ours to read
        }
    }
    return pids.filter(isAlive);
}

type Outcome = {server: 'peer' | 'stack'; text: string; added?: Todo; completed?: boolean; unknown?: boolean};

test('SIGKILL during writes: every acknowledged add and completion survives, nothing half-written does', async () => {
    const beforeKill = sized(60, 1000);
    const afterKill = sized(10, 100);
    const outcomes: Outcome[] = [];
    let ackedOnPeer = 0;
    let killed = false;
    let reachedLoad: () => void = () => undefined;
    const loaded = new Promise<void>((resolve) => {
        reachedLoad = resolve;
    });

    // Several clients write to one list: four through the server that will die, two through
    // the one that stays. Each add acknowledged with 201 is recorded; a third of them are
    // completed right after, and that acknowledgement is recorded too.
    const writer = async (server: 'peer' | 'stack', login: Login, w: number): Promise<void> => {
        const api = TodoApi.as(login, server === 'peer' ? peer!.siteURL : stack.siteURL);
        let afterTheKill = 0;
        for (let i = 0; ; i++) {
            if (killed && (server === 'peer' || afterTheKill++ >= afterKill)) {
                return;
            }
            const outcome: Outcome = {server, text: `crash ${server} ${w} ${i}`};
            outcomes.push(outcome);
            try {
                const added = await api.request('POST', `/channels/${channel.id}/todos`, {body: {text: outcome.text}});
                if (added.status !== 201) {
                    throw new Error(`${added.status} ${added.text}`);
                }
                outcome.added = added.json as Todo;
                if (server === 'peer' && ++ackedOnPeer === beforeKill) {
                    reachedLoad();
                }
                if (i % 3 === 0) {
                    const done = await api.request('POST', `/todos/${outcome.added.id}/complete`);
                    if (done.status !== 200) {
                        throw new Error(`${done.status} ${done.text}`);
                    }
                    outcome.completed = true;
                }
            } catch (err) {
                if (server === 'stack') {
                    throw err; // the surviving server must not fail anything
                }
                outcome.unknown = true; // cut off by the kill: either outcome is fine
            }
        }
    };
    const logins = [stack.user1, stack.user2];
    const writers = [
        ...[0, 1, 2, 3].map((w) => writer('peer', logins[w % 2], w)),
        ...[4, 5].map((w) => writer('stack', logins[w % 2], w)),
    ];

    await loaded;
    const pluginsBefore = pluginProcessesOf(peer!.runDir);
    expect(pluginsBefore).toHaveLength(1);
    await killPeer(peer!);
    const killedAt = performance.now();
    killed = true;
    await Promise.all(writers);
    // The peer's plugin process loses its server and must exit by itself, leaving nothing.
    await eventually(async () => expect(pluginProcessesOf(peer!.runDir)).toEqual([]), 30_000);
    const orphanGoneMs = performance.now() - killedAt;

    peer = await startPeer(stack, 'crash', peer!.port);

    // Every acknowledged add is there with its number and text, every acknowledged
    // completion is done; what was cut off is either wholly there or wholly absent.
    const {todos} = await TodoApi.as(stack.user1, peer.siteURL).listChannelAll(channel.id, {state: 'all', limit: 200});
    const byText = new Map(todos.map((t) => [t.text, t]));
    const acked = outcomes.filter((o) => o.added);
    expect(acked.length).toBeGreaterThanOrEqual(beforeKill);
    for (const o of acked) {
        const found = byText.get(o.text);
        expect({text: o.text, number: found?.number, id: found?.id}).toEqual({text: o.text, number: o.added!.number, id: o.added!.id});
        if (o.completed) {
            expect({text: o.text, state: found!.state}).toEqual({text: o.text, state: 'done'});
        }
    }
    const known = new Set(outcomes.map((o) => o.text));
    expect(todos.filter((t) => !known.has(t.text)).map((t) => t.text)).toEqual([]);
    expect(todos.length).toBeLessThanOrEqual(outcomes.length);
    // Numbers are 1..n with none skipped: a number is taken in the same transaction as its todo.
    expect(todos.map((t) => t.number).sort((x, y) => x - y)).toEqual(Array.from({length: todos.length}, (_, i) => i + 1));
    expect(inconsistentLists(stack.database)).toEqual([]);

    // The restarted server carries on the list where it stopped.
    const next = await TodoApi.as(stack.user2, peer.siteURL).addToChannel(channel.id, {text: 'after the crash'});
    expect(next.number).toBe(todos.length + 1);
    const cut = outcomes.filter((o) => o.unknown).length;
    recordFigure('crash', `SIGKILL after ${beforeKill} adds acknowledged by the killed server: ${acked.length} acknowledged in all, all stored (${acked.filter((o) => o.completed).length} completions too); ${cut} cut off by the kill; numbers 1..${todos.length} with no gap; its plugin process gone ${(orphanGoneMs / 1000).toFixed(1)} s after the kill; carried on at ${next.number}`);
}, timeoutFor(180_000, 900_000));
