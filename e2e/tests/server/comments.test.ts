// Comments on a todo go to its Mattermost thread on the real server: the first comment has the
// bot start the thread and record it on the todo, later ones (by anyone who can read the list)
// go to the same thread, concurrent first comments still make one thread, and list pages
// carry the thread's reply count.
import type {Post} from '@mattermost/types/posts';

import {createScratchChannel} from '../../harness/scratch_channel';
import {openScene} from '../../harness/scene';
import {clientFor} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';

const {stack, admin, chat} = openScene();

/** The thread's posts, oldest first, as a reader sees them. */
async function threadOf(rootId: string): Promise<Post[]> {
    const list = await clientFor(stack.user1, stack.siteURL).getPostThread(rootId);
    return list.order.map((id) => list.posts[id]).sort((a, b) => a.create_at - b.create_at);
}

/** The bot's thread roots for todo #n in a channel (deleted ones are not listed). */
async function rootsFor(channelId: string, n: number): Promise<Post[]> {
    const list = await clientFor(stack.user1, stack.siteURL).getPosts(channelId, 0, 200);
    return Object.values(list.posts).filter((p) => p.user_id === stack.botUserId && p.root_id === '' && p.message.startsWith(`📝 #${n} `));
}

describe('comments through the thread', () => {
    test('/todo comment starts the thread once; the second comment goes to the same thread', async () => {
        const channel = await chat.newChannel('comments');
        const asUser1 = TodoApi.as(stack.user1, stack.siteURL);
        const todo = await asUser1.addToChannel(channel.id, {text: 'Book the room'});

        expect(await chat.privately(stack.user1, channel, `/todo comment ${todo.number} Asked facilities`)).toContain(`#${todo.number}`);
        const root = (await asUser1.get(todo.id)).post_id!;
        expect(root).toBeTruthy();
        expect(await chat.privately(stack.user2, channel, `/todo comment ${todo.number} They said Tuesday`)).toContain(`#${todo.number}`);
        expect((await asUser1.get(todo.id)).post_id).toBe(root);

        const posts = await threadOf(root);
        expect(posts.map((p) => [p.user_id, p.message])).toEqual([
            [stack.botUserId, `📝 #${todo.number} Book the room`],
            [stack.user1.id, 'Asked facilities'],
            [stack.user2.id, 'They said Tuesday'],
        ]);
        expect(posts[0].channel_id).toBe(channel.id);
        expect(await rootsFor(channel.id, todo.number)).toHaveLength(1);

        const {todos} = await asUser1.listChannel(channel.id, {limit: 50});
        expect(todos.find((t) => t.id === todo.id)?.reply_count).toBe(2);
    });

    test('concurrent first comments through REST make one thread and all land in it', async () => {
        const channel = await chat.newChannel('comments-race');
        const users = [TodoApi.as(stack.user1, stack.siteURL), TodoApi.as(stack.user2, stack.siteURL)];
        const todo = await users[0].addToChannel(channel.id, {text: 'Order chairs'});

        const answers = await Promise.all(Array.from({length: 12}, (_, i) =>
            users[i % 2].request('POST', `/todos/${todo.id}/comments`, {body: {text: `comment ${i}`}})));
        expect(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.text}`)).toEqual([]);
        const roots = new Set(answers.map((a) => (a.json as {root_id: string}).root_id));
        expect(roots.size).toBe(1);
        const [root] = [...roots];
        expect((await users[0].get(todo.id)).post_id).toBe(root);
        expect(await rootsFor(channel.id, todo.number)).toHaveLength(1);
        const replies = (await threadOf(root)).slice(1).map((p) => p.message).sort();
        expect(replies).toEqual(Array.from({length: 12}, (_, i) => `comment ${i}`).sort());
        expect((await users[1].thread(todo.id)).root_id).toBe(root);
    });

    test('a todo made from a message comments in that message\'s thread', async () => {
        const channel = await chat.newChannel('comments-linked');
        const message = await chat.post(stack.user1, channel, 'Can someone fix the printer?');
        const asUser2 = TodoApi.as(stack.user2, stack.siteURL);
        const todo = await asUser2.addToChannel(channel.id, {text: 'Fix the printer', post_id: message.id, root_id: message.id});
        const c = await asUser2.comment(todo.id, 'On it');
        expect(c.root_id).toBe(message.id);
        expect((await threadOf(message.id)).map((p) => p.message)).toEqual(['Can someone fix the printer?', 'On it']);
    });

    test('only people who can read the list can comment', async () => {
        const secret = await createScratchChannel(admin, stack.team.id, 'P', [stack.user1.id], 'comments-private');
        const todo = await TodoApi.as(stack.user1, stack.siteURL).addToChannel(secret.id, {text: 'Plan the surprise'});
        const outsider = TodoApi.as(stack.user2, stack.siteURL);
        const refused = await outsider.request('POST', `/todos/${todo.id}/comments`, {body: {text: 'let me in'}});
        expect(refused.status).toBe(403);
        expect((await outsider.request('POST', `/todos/${todo.id}/thread`)).status).toBe(403);
        expect((await TodoApi.as(stack.user1, stack.siteURL).get(todo.id)).post_id).toBeUndefined();
        const empty = await TodoApi.as(stack.user1, stack.siteURL).request('POST', `/todos/${todo.id}/comments`, {body: {text: '  '}});
        expect(empty.status).toBe(400);
    });

    test('a personal todo\'s thread is in the owner\'s direct channel with the bot', async () => {
        const asUser1 = TodoApi.as(stack.user1, stack.siteURL);
        const todo = await asUser1.addPersonal({text: 'Renew the passport'});
        const c = await asUser1.comment(todo.id, 'Photos done');
        const [root, reply] = await threadOf(c.root_id);
        const dm = await clientFor(stack.user1, stack.siteURL).getChannel(root.channel_id);
        expect(dm.type).toBe('D');
        expect(dm.name.split('__').sort()).toEqual([stack.user1.id, stack.botUserId].sort());
        expect([reply.user_id, reply.message]).toEqual([stack.user1.id, 'Photos done']);
    });
});
