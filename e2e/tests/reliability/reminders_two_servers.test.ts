// Reminders with two servers on one database (issue 12.7), both running the plugin and its
// reminder job every 2 seconds: each due todo is reminded exactly once, and a server stopped and
// started again (the whole process, not only the plugin) sends nothing again. Which server runs
// a round is the scheduler's choice; what both share, and what this checks, is the record of what
// was sent, written in the same transaction as the send.
import type {Channel} from '@mattermost/types/channels';

import {botDms, justDue, waitForBotDm} from '../../harness/bot_dms';
import {recordFigure} from '../../harness/figures';
import {startPeer, stopPeer, type Peer} from '../../harness/peer_server';
import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, loadState, type StackState} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';

let stack: StackState;
let peer: Peer | undefined;
let channel: Channel;

beforeAll(async () => {
    stack = loadState();
    // Made before the peer starts: without a cluster it could miss the memberships.
    channel = await createScratchChannel(clientFor(stack.admin, stack.siteURL), stack.team.id, 'O', [stack.user1.id, stack.user2.id], 'remind-two');
    peer = await startPeer(stack, 'reminders');
}, 240_000);

afterAll(async () => {
    if (peer) {
        await stopPeer(peer);
    }
});

/** Adds todos due a minute ago, assigned to user1, and waits for each one's reminder. */
async function remindedTodos(prefix: string, count: number): Promise<string[]> {
    const api = TodoApi.as(stack.user1, stack.siteURL);
    const texts: string[] = [];
    for (let i = 0; i < count; i++) {
        const text = unique(prefix);
        await api.addToChannel(channel.id, {text, assignees: [stack.user1.id], due: justDue()});
        texts.push(text);
    }
    for (const text of texts) {
        await waitForBotDm(stack, stack.user1, text, 60_000);
    }
    return texts;
}

/**
 * Waits until whole rounds have run: a todo due now, added after the previous one's reminder
 * arrived, is reminded only by a later round.
 */
async function settle(): Promise<void> {
    await remindedTodos('barrier', 1);
    await remindedTodos('barrier', 1);
}

async function expectRemindedOnce(texts: string[]): Promise<void> {
    for (const text of texts) {
        expect(await botDms(stack, stack.user1, text)).toHaveLength(1);
    }
}

test('each due todo is reminded once by the two servers, and a restarted server sends nothing again', async () => {
    const due = await remindedTodos('Two servers', 5);
    await settle();
    await expectRemindedOnce(due);

    const port = peer!.port;
    await stopPeer(peer!);
    peer = undefined;
    peer = await startPeer(stack, 'reminders', port);
    await settle();
    await settle();
    await expectRemindedOnce(due);
    recordFigure('reminders', `${due.length} due todos, each reminded once by the two servers; none again after one server was stopped and started`);
}, 300_000);
