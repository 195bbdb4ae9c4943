// Who may read and change which list, enforced by the plugin behind the real server: a private
// channel's list is closed to non-members, an archived channel's list is read-only.
import type {Client4} from '@mattermost/client';
import type {Post} from '@mattermost/types/posts';

import {Chat} from '../../harness/chat';
import {withSettings} from '../../harness/plugin_config';
import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, loadStack, type Stack} from '../../harness/stack';
import {TodoApi, type Answer} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';

let stack: Stack;
let admin: Client4;
let user1: TodoApi;
let user2: TodoApi;

beforeAll(() => {
    stack = loadStack();
    admin = clientFor(stack.admin);
    user1 = TodoApi.as(stack.user1, stack.siteURL);
    user2 = TodoApi.as(stack.user2, stack.siteURL);
});

/** The status and error body of an answer, in one value so a failure shows both. */
function outcome(a: Answer): {status: number; code: unknown} {
    const body = a.json as {code?: unknown} | undefined;
    return {status: a.status, code: body?.code};
}

describe('a private channel user2 is not a member of', () => {
    test('user2 gets 403 on every read and write of its list, user1 does not', async () => {
        const channelId = stack.channels.private.id;
        const text = unique('Private plans');
        const todo = await user1.addToChannel(channelId, {text});

        const attempts: Array<[string, string, string, unknown?]> = [
            ['list', 'GET', `/channels/${channelId}/todos`],
            ['list done', 'GET', `/channels/${channelId}/todos?state=done`],
            ['by number', 'GET', `/channels/${channelId}/todos/number/${todo.number}`],
            ['export', 'GET', `/channels/${channelId}/todos/export?format=csv`],
            ['add', 'POST', `/channels/${channelId}/todos`, {text: 'let me in'}],
            ['get', 'GET', `/todos/${todo.id}`],
            ['edit', 'PATCH', `/todos/${todo.id}`, {text: 'changed'}],
            ['complete', 'POST', `/todos/${todo.id}/complete`],
            ['delete', 'DELETE', `/todos/${todo.id}`],
            ['move', 'POST', `/todos/${todo.id}/move`, {to: 'top'}],
            ['assign', 'PUT', `/todos/${todo.id}/assignees`, {user_ids: [stack.user2.id]}],
            ['due', 'PUT', `/todos/${todo.id}/due`, {date: '2026-12-01'}],
        ];
        for (const [what, method, path, body] of attempts) {
            const answer = await user2.request(method, path, {body});
            expect({what, ...outcome(answer)}).toEqual({what, status: 403, code: 'forbidden'});
        }

        // Nothing user2 tried changed anything.
        const after = await user1.get(todo.id);
        expect(after).toMatchObject({text, state: 'open', number: todo.number});
        const {todos} = await user1.listChannelAll(channelId, {state: 'all', limit: 200});
        expect(todos.map((t) => t.text)).not.toContain('let me in');
        expect(todos.map((t) => t.id)).toContain(todo.id);
    });

    test('a deleted todo there is forbidden to user2, not "deleted"', async () => {
        const todo = await user1.addToChannel(stack.channels.private.id, {text: unique('deleted in private')});
        await user1.request('DELETE', `/todos/${todo.id}`);
        for (const [method, path] of [['GET', `/todos/${todo.id}`], ['POST', `/todos/${todo.id}/move`]]) {
            const answer = await user2.request(method, path, method === 'POST' ? {body: {to: 'top'}} : {});
            expect({path, ...outcome(answer)}).toEqual({path, status: 403, code: 'forbidden'});
        }
        expect(outcome(await user1.request('GET', `/todos/${todo.id}`))).toEqual({status: 404, code: 'not_found'});
    });

    test('user2 cannot link a todo to a post there, through REST or chat, and learns nothing about it', async () => {
        const secret = await clientFor(stack.user1).createPost({channel_id: stack.channels.private.id, message: unique('secret plans')} as Post);
        const publicId = stack.channels.public.id;
        const missing = 'abcdefghijklmnopqrstuvwxyz';
        const answers: unknown[] = [];
        for (const body of [{post_id: secret.id}, {root_id: secret.id}, {post_id: missing}]) {
            const answer = await user2.request('POST', `/channels/${publicId}/todos`, {body: {text: 'link it', ...body}});
            expect(outcome(answer)).toEqual({status: 400, code: 'invalid_post'});
            answers.push(answer.json);
        }
        // The post user2 cannot read and a post that does not exist get the same answer.
        expect(answers[0]).toEqual({code: 'invalid_post', error: 'There is no such post that you can read.'});
        expect(answers[2]).toEqual(answers[0]);
        // A personal todo cannot link to it either.
        expect(outcome(await user2.request('POST', '/users/me/todos', {body: {text: 'link it', post_id: secret.id}}))).toEqual({status: 400, code: 'invalid_post'});

        // /todo in a "thread" whose root is the secret post: the web client sends root_id as is.
        // The answer is meant for that thread; Mattermost refuses a post whose root is in another
        // channel, so the bot tells user2 alone.
        const {whisper} = await new Chat(stack).whisperedAfter(stack.user2, () => clientFor(stack.user2).executeCommand('/todo add link it',
            {channel_id: publicId, team_id: stack.team.id, root_id: secret.id}));
        expect(whisper.message).toBe("That post can't be linked: it isn't one you can read in this channel.");
        expect((await user1.listChannelAll(publicId, {state: 'all', limit: 200})).todos.map((t) => t.text)).not.toContain('link it');

        // A post user1 can read but in another channel is refused for the public channel's list.
        const elsewhere = await user1.request('POST', `/channels/${publicId}/todos`, {body: {text: 'link it', post_id: secret.id}});
        expect(elsewhere.json).toEqual({code: 'invalid_post', error: 'The linked post is not in this channel.'});
        // And the post in its own channel links fine.
        const linked = await user1.addToChannel(stack.channels.private.id, {text: unique('linked'), post_id: secret.id, root_id: secret.id});
        expect(linked.post_id).toBe(secret.id);
    });

    test('user2 cannot be assigned there (cannot read the channel)', async () => {
        const todo = await user1.addToChannel(stack.channels.private.id, {text: unique('assign me')});
        const answer = await user1.request('PUT', `/todos/${todo.id}/assignees`, {body: {user_ids: [stack.user2.id]}});
        expect(outcome(answer)).toEqual({status: 400, code: 'invalid_assignee'});
    });
});

describe('an archived channel', () => {
    test('refuses every change with 403 channel_archived but can still be read', async () => {
        const channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id, stack.user2.id], 'archived');
        const open = await user1.addToChannel(channel.id, {text: 'still open'});
        const done = await user1.addToChannel(channel.id, {text: 'was done'});
        await user2.complete(done.id);
        const before = await user1.listChannel(channel.id, {state: 'all'});

        await admin.deleteChannel(channel.id); // archives it

        const attempts: Array<[string, string, string, unknown?]> = [
            ['add', 'POST', `/channels/${channel.id}/todos`, {text: 'too late'}],
            ['edit', 'PATCH', `/todos/${open.id}`, {text: 'changed'}],
            ['complete', 'POST', `/todos/${open.id}/complete`],
            ['reopen', 'POST', `/todos/${done.id}/reopen`],
            ['delete', 'DELETE', `/todos/${open.id}`],
            ['move', 'POST', `/todos/${open.id}/move`, {to: 'bottom'}],
            ['assign', 'POST', `/todos/${open.id}/assignees`, {user_ids: [stack.user1.id]}],
            ['due', 'PUT', `/todos/${open.id}/due`, {date: '2026-12-01'}],
        ];
        for (const api of [user1, user2]) {
            for (const [what, method, path, body] of attempts) {
                const answer = await api.request(method, path, {body});
                expect({what, ...outcome(answer)}).toEqual({what, status: 403, code: 'channel_archived'});
            }
        }

        // Reads still work, and show the list exactly as it was.
        const after = await user1.listChannel(channel.id, {state: 'all'});
        expect(after.todos).toEqual(before.todos);
        expect(after.version).toBe(before.version);
        expect(await user2.get(open.id)).toMatchObject({text: 'still open', state: 'open'});
        expect((await user2.listChannel(channel.id, {state: 'done'})).todos.map((t) => t.id)).toEqual([done.id]);
        const exported = await user1.request('GET', `/channels/${channel.id}/todos/export?format=md`);
        expect(exported.status).toBe(200);
        expect(exported.text).toContain('still open');
    });
});

describe('"creator and channel admins" may edit others\' todos', () => {
    test('a plain member is refused; the same person, made channel admin, may edit and delete', async () => {
        const channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id, stack.user2.id], 'policy-admin');
        const todo = await user1.addToChannel(channel.id, {text: unique('user1 wrote this')});
        await withSettings(admin, {editpolicy: 'creator_and_admins'}, async () => {
            // The setting is in effect when the save returns (see plugin_config.ts): asserted once.
            const refused = await user2.request('PATCH', `/todos/${todo.id}`, {body: {text: 'user2 was here'}});
            expect(outcome(refused)).toEqual({status: 403, code: 'edit_not_allowed'});
            expect(outcome(await user2.request('DELETE', `/todos/${todo.id}`))).toEqual({status: 403, code: 'edit_not_allowed'});
            // Completing stays open to every member.
            expect((await user2.request('POST', `/todos/${todo.id}/complete`)).status).toBe(200);

            await admin.updateChannelMemberSchemeRoles(channel.id, stack.user2.id, true, true);
            const edited = await user2.request('PATCH', `/todos/${todo.id}`, {body: {text: 'edited by the channel admin'}});
            expect(outcome(edited).status).toBe(200);
            expect((await user1.get(todo.id)).text).toBe('edited by the channel admin');
            expect((await user2.request('DELETE', `/todos/${todo.id}`)).status).toBe(200);
        });
    });
});
