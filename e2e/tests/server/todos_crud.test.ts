// Two people share a public channel's list through the real server: what one changes, the other
// sees, with the same numbers, states and texts. Also a personal list, which stays its owner's.
import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, loadStack, type Stack} from '../../harness/stack';
import {TodoApi, TodoApiError, type Todo} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';

let stack: Stack;
let user1: TodoApi;
let user2: TodoApi;
/** A public channel of user1 and user2 made for this file, so its list holds only what it adds. */
let shared: string;

beforeAll(async () => {
    stack = loadStack();
    user1 = TodoApi.as(stack.user1, stack.siteURL);
    user2 = TodoApi.as(stack.user2, stack.siteURL);
    shared = await createOwnList();
});

/** A text no other test uses, so lists shared between tests can be searched for it. */
async function findIn(api: TodoApi, channelId: string, id: string, state: 'open' | 'done' | 'all' = 'all'): Promise<Todo | undefined> {
    const {todos} = await api.listChannelAll(channelId, {state, limit: 200});
    return todos.find((t) => t.id === id);
}

/** The status and code of a typed call that must fail. */
async function failure(call: Promise<unknown>): Promise<{status: number; code: string | undefined}> {
    try {
        await call;
    } catch (err) {
        if (err instanceof TodoApiError) {
            return {status: err.status, code: err.code};
        }
        throw err;
    }
    throw new Error('the call succeeded but should have failed');
}

describe('a public channel list shared by user1 and user2', () => {
    test('add, read, complete, reopen, edit, delete and restore across users', async () => {
        const channelId = shared;
        const text = unique('Book the **meeting room**');

        // user1 adds; the answer is the new todo with its number.
        const added = await user1.addToChannel(channelId, {text});
        expect(added.id).toMatch(/^[a-z0-9]{26}$/);
        expect(added.text).toBe(text);
        expect(added.state).toBe('open');
        expect(added.number).toBeGreaterThanOrEqual(1);
        expect(added.creator_id).toBe(stack.user1.id);
        expect(added.list_id).toBe(`c_${channelId}`);
        expect(added.scope).toEqual({kind: 'channel', channel_id: channelId});

        // user2 sees the same todo, by id, by number and in the open list.
        expect(await user2.get(added.id)).toMatchObject({id: added.id, text, number: added.number, state: 'open'});
        expect((await user2.byNumber(channelId, added.number)).id).toBe(added.id);
        expect(await findIn(user2, channelId, added.id, 'open')).toMatchObject({text, number: added.number});

        // user2 completes it: both see it done by user2, out of the open list, in the done list.
        const done = await user2.complete(added.id);
        expect(done.state).toBe('done');
        expect(done.completed_by).toBe(stack.user2.id);
        expect(done.completed_at).toBeGreaterThan(0);
        for (const api of [user1, user2]) {
            expect(await findIn(api, channelId, added.id, 'open')).toBeUndefined();
            expect(await findIn(api, channelId, added.id, 'done')).toMatchObject({state: 'done', completed_by: stack.user2.id});
        }

        // Completing again changes nothing and is not an error.
        const again = await user1.complete(added.id);
        expect(again.state).toBe('done');
        expect(again.completed_by).toBe(stack.user2.id);

        // user1 reopens it.
        const reopened = await user1.reopen(added.id);
        expect(reopened.state).toBe('open');
        expect(await findIn(user2, channelId, added.id, 'open')).toBeDefined();

        // user2 edits user1's todo (the default policy lets anyone who can post do it).
        const newText = unique('Book the big room');
        const edited = await user2.edit(added.id, `  ${newText}  `);
        expect(edited.text).toBe(newText);
        expect(edited.number).toBe(added.number);
        expect((await user1.get(added.id)).text).toBe(newText);

        // user2 deletes it: gone for both, by id, by number and from every list.
        const deleted = await user2.delete(added.id);
        expect(deleted.id).toBe(added.id);
        for (const api of [user1, user2]) {
            expect(await failure(api.get(added.id))).toEqual({status: 404, code: 'not_found'});
            expect(await failure(api.byNumber(channelId, added.number))).toEqual({status: 404, code: 'not_found'});
            expect(await findIn(api, channelId, added.id, 'all')).toBeUndefined();
        }
        // Changes to a deleted todo are 404.
        expect(await failure(user1.complete(added.id))).toEqual({status: 404, code: 'not_found'});
        expect(await failure(user1.edit(added.id, 'no'))).toEqual({status: 404, code: 'not_found'});

        // user2 undoes the delete: back with its number, text and place, for both.
        const restored = await user2.restore(added.id);
        expect(restored).toMatchObject({id: added.id, number: added.number, text: newText, state: 'open'});
        expect(await findIn(user1, channelId, added.id, 'open')).toMatchObject({number: added.number, text: newText});
        expect((await user1.byNumber(channelId, added.number)).id).toBe(added.id);
    });

    test('numbers go up and are never reused after a delete', async () => {
        const channelId = shared;
        const first = await user1.addToChannel(channelId, {text: unique('first')});
        await user2.delete(first.id);
        const second = await user2.addToChannel(channelId, {text: unique('second')});
        expect(second.number).toBeGreaterThan(first.number);
        expect(second.creator_id).toBe(stack.user2.id);
    });

    test('assignees and due dates set by one user are seen by the other', async () => {
        const channelId = shared;
        const added = await user1.addToChannel(channelId, {text: unique('Renew the certificate'), assignees: [stack.user2.id], due: {date: '2026-12-01'}});
        expect(added.assignees).toEqual([stack.user2.id]);
        expect(added.due).toEqual({date: '2026-12-01'});

        // user2 finds it among their own todos and in the list filtered by assignee=me.
        const mine = await user2.mine({limit: 200});
        expect(mine.todos.map((t) => t.id)).toContain(added.id);
        const assigned = await user2.listChannelAll(channelId, {assignee: 'me', limit: 200});
        expect(assigned.todos.map((t) => t.id)).toContain(added.id);

        const due = await user2.setDue(added.id, {date: '2026-12-24', time: '09:30'});
        expect(due.due).toEqual({date: '2026-12-24', time: '09:30'});
        const both = await user2.addAssignees(added.id, [stack.user1.id]);
        expect([...(both.assignees ?? [])].sort()).toEqual([stack.user1.id, stack.user2.id].sort());
        const seen = await user1.get(added.id);
        expect(seen.due).toEqual({date: '2026-12-24', time: '09:30'});
        expect([...(seen.assignees ?? [])].sort()).toEqual([stack.user1.id, stack.user2.id].sort());

        const cleared = await user1.removeAssignee(added.id, 'me');
        expect(cleared.assignees).toEqual([stack.user2.id]);
        expect((await user1.clearDue(added.id)).due).toBeUndefined();
        // Someone who does not exist cannot be assigned.
        expect(await failure(user1.setAssignees(added.id, ['a'.repeat(26)]))).toMatchObject({status: 400, code: 'invalid_assignee'});
    });

    test('moving a todo to the top puts it first for everyone', async () => {
        const channel = await createOwnList();
        const a = await user1.addToChannel(channel, {text: 'a'});
        const b = await user1.addToChannel(channel, {text: 'b'});
        const c = await user1.addToChannel(channel, {text: 'c'});
        await user2.move(c.id, {to: 'top'});
        const order = (await user1.listChannel(channel)).todos.map((t) => t.text);
        expect(order).toEqual(['c', 'a', 'b']);
        await user2.move(a.id, {after_id: b.id});
        expect((await user1.listChannel(channel)).todos.map((t) => t.text)).toEqual(['c', 'b', 'a']);
    });
});

describe('a personal list', () => {
    test('belongs to its owner alone', async () => {
        const text = unique('Call the dentist');
        const mine = await user1.addPersonal({text});
        expect(mine.scope).toEqual({kind: 'personal', user_id: stack.user1.id});
        expect(mine.list_id).toBe(`u_${stack.user1.id}`);
        expect((await user1.get(mine.id)).text).toBe(text);
        expect((await user1.listPersonal({limit: 200})).todos.map((t) => t.id)).toContain(mine.id);
        expect((await user1.mine({limit: 200})).todos.map((t) => t.id)).toContain(mine.id);

        // user2 can neither read nor change it, and does not find it in their own lists.
        const calls: Array<[string, () => Promise<unknown>]> = [
            ['get', () => user2.get(mine.id)],
            ['edit', () => user2.edit(mine.id, 'mine now')],
            ['complete', () => user2.complete(mine.id)],
            ['delete', () => user2.delete(mine.id)],
            ['assign', () => user2.setAssignees(mine.id, [stack.user2.id])],
            ['due', () => user2.setDue(mine.id, {date: '2027-01-01'})],
        ];
        for (const [what, call] of calls) {
            const f = await failure(call());
            expect({what, denied: f.status === 403 || f.status === 404}).toEqual({what, denied: true});
        }
        expect((await user2.listPersonal({state: 'all', limit: 200})).todos.map((t) => t.id)).not.toContain(mine.id);
        expect((await user2.mine({state: 'all', limit: 200})).todos.map((t) => t.id)).not.toContain(mine.id);

        // ...and nothing changed.
        expect(await user1.get(mine.id)).toMatchObject({text, state: 'open'});
    });
});

/** A fresh public channel with user1 and user2, for tests that look at a whole list. */
async function createOwnList(): Promise<string> {
    const channel = await createScratchChannel(clientFor(stack.admin), stack.team.id, 'O', [stack.user1.id, stack.user2.id], 'crud');
    return channel.id;
}
