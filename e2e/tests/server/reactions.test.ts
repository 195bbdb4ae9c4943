// Reactions as doors, through Mattermost's own endpoints as the apps use them
// (POST /api/v4/reactions, DELETE /api/v4/users/{user}/posts/{post}/reactions/{emoji}):
// ✅ on the bot's "added" answer completes the todo and removing it reopens it; 📝 on any
// message adds the message to the channel's list, with the bot's answer in its thread.
import type {Post} from '@mattermost/types/posts';

import {buttonIds, buttonText, reread} from '../../harness/buttons';
import {wordJoiner} from '../../harness/chat';
import {eventually} from '../../harness/eventually';
import {withSettings} from '../../harness/plugin_config';
import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, type Login} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';
import {openScene} from '../../harness/scene';

const {stack, chat} = openScene();

function react(login: Login, post: Post, emoji: string): Promise<unknown> {
    return clientFor(login).addReaction(login.id, post.id, emoji);
}

function unreact(login: Login, post: Post, emoji: string): Promise<unknown> {
    return clientFor(login).removeReaction(login.id, post.id, emoji);
}

describe('✅ on the bot\'s "added" answer', () => {
    test('completes the todo as the person who reacted; removing the last ✅ reopens it', async () => {
        const channel = await chat.newChannel('react-done');
        const asked = await chat.post(stack.user1, channel, `@todo add ${unique('Send the invoice')}`);
        const [card] = await chat.waitForReplies(asked.id, 1);
        const api = TodoApi.as(stack.user1, stack.siteURL);

        await react(stack.user2, card, 'white_check_mark');
        await eventually(async () => {
            const todo = await api.byNumber(channel.id, 1);
            expect(todo.state).toBe('done');
            expect(todo.completed_by).toBe(stack.user2.id);
        });
        await eventually(async () => {
            const updated = await reread(stack.user1, card.id);
            expect(buttonIds(updated)).toEqual(['reopen']);
            expect(buttonText(updated)).toBe(`~~**#1**~~ completed by @${wordJoiner}${stack.user2.username}.`);
        });

        await react(stack.user1, card, 'white_check_mark');
        await unreact(stack.user2, card, 'white_check_mark');
        // user1's ✅ is still there: the todo stays done. Removing it too reopens the todo.
        await unreact(stack.user1, card, 'white_check_mark');
        await eventually(async () => {
            expect((await api.byNumber(channel.id, 1)).state).toBe('open');
        });
        await eventually(async () => {
            expect(buttonIds(await reread(stack.user1, card.id))).toEqual(['done', 'undo', 'edit']);
        });
    });

    test('by someone outside the channel is refused by Mattermost and changes nothing', async () => {
        const admin = clientFor(stack.admin);
        const channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'react-outsider');
        const asked = await chat.post(stack.user1, channel, `@todo add ${unique('Members only')}`);
        const [card] = await chat.waitForReplies(asked.id, 1, stack.user1);
        await expect(react(stack.user2, card, 'white_check_mark')).rejects.toMatchObject({status_code: 403});
        expect((await TodoApi.as(stack.user1, stack.siteURL).byNumber(channel.id, 1)).state).toBe('open');
    });
});

describe('a member who may react but not post', () => {
    // Mattermost lets a channel member react without the right to post (add_reaction and
    // create_post are separate permissions of the channel_user role). Without an enterprise
    // licence a channel's own moderation cannot take create_post away, but a system admin can
    // patch the channel_user role itself (PUT /api/v4/roles/{id}/patch), which the team edition
    // allows: that is what this test does, restoring the role afterwards. Everything the test
    // needs is posted before; while the role lacks create_post nobody but the bot can post.
    test('changes nothing with 📝 or ✅, and is told why', async () => {
        const admin = clientFor(stack.admin);
        const channel = await chat.newChannel('react-readonly');
        const text = unique('Only readers here');
        const message = await chat.post(stack.user1, channel, text);
        const asked = await chat.post(stack.user1, channel, `@todo add ${unique('Read-only card')}`);
        const [card] = await chat.waitForReplies(asked.id, 1);
        const api = TodoApi.as(stack.user1, stack.siteURL);

        const role = await admin.getRoleByName('channel_user');
        expect(role.permissions).toContain('create_post');
        expect(role.permissions).toContain('add_reaction');
        await admin.patchRole(role.id, {permissions: role.permissions.filter((p) => p !== 'create_post')});
        try {
            await expect(chat.post(stack.user2, channel, unique('Not allowed'))).rejects.toMatchObject({status_code: 403});

            const memo = await chat.whisperedAfter(stack.user2, () => react(stack.user2, message, 'memo'));
            expect(memo.whisper.message).toBe('You don\'t have permission to do that.');
            const done = await chat.whisperedAfter(stack.user2, () => react(stack.user2, card, 'white_check_mark'));
            expect(done.whisper.message).toBe('You don\'t have permission to do that.');
        } finally {
            await admin.patchRole(role.id, {permissions: role.permissions});
        }
        const {todos} = await api.listChannelAll(channel.id);
        expect(todos.map((t) => t.text)).not.toContain(text);
        expect(todos).toHaveLength(1);
        expect(todos[0].state).toBe('open');
        expect(buttonIds(await reread(stack.user1, card.id))).toEqual(['done', 'undo', 'edit']);
        expect(await chat.botReplies(stack.user1, message.id)).toEqual([]);
    });
});

describe('📝 on a message', () => {
    test('adds the message to the channel\'s list, linked to it, and answers in its thread; a second 📝 adds nothing', async () => {
        const channel = await chat.newChannel('react-memo');
        const text = unique('Renew the domain before it lapses');
        const message = await chat.post(stack.user2, channel, text);

        await react(stack.user1, message, 'memo');
        const [answer] = await chat.waitForReplies(message.id, 1);
        expect(answer.message).toBe(`Added **#1** to ~${channel.name}: ${text}`);
        expect(buttonIds(answer)).toEqual(['done', 'undo', 'edit']);

        const todo = await TodoApi.as(stack.user1, stack.siteURL).byNumber(channel.id, 1);
        expect(todo.text).toBe(text);
        expect(todo.creator_id).toBe(stack.user1.id);
        expect(todo.post_id).toBe(message.id);
        expect(todo.root_id).toBe(message.id);

        const again = await chat.whisperedAfter(stack.user2, () => react(stack.user2, message, 'memo'));
        expect(again.whisper.message).toBe('This message is already on the list.');
        const later = await chat.post(stack.user2, channel, unique('Second message'));
        await react(stack.user2, later, 'memo');
        await chat.waitForReplies(later.id, 1);
        const {todos} = await TodoApi.as(stack.user1, stack.siteURL).listChannelAll(channel.id);
        expect(todos.map((t) => t.number)).toEqual([1, 2]);
        expect(todos[1].post_id).toBe(later.id);
        expect(await chat.botReplies(stack.user1, message.id)).toHaveLength(1);
    });

    test('a reply in a thread is added with the thread as its root, and the answer goes to that thread', async () => {
        const channel = await chat.newChannel('react-memo-thread');
        const root = await chat.post(stack.user1, channel, unique('Release planning'));
        const reply = await chat.post(stack.user2, channel, unique('Write the changelog'), root.id);
        await react(stack.user1, reply, 'memo');
        const answers = await chat.waitForReplies(root.id, 1);
        expect(answers[0].root_id).toBe(root.id);
        const todo = await TodoApi.as(stack.user1, stack.siteURL).byNumber(channel.id, 1);
        expect(todo.post_id).toBe(reply.id);
        expect(todo.root_id).toBe(root.id);
    });

    test('by someone outside the channel is refused by Mattermost and adds nothing', async () => {
        const admin = clientFor(stack.admin);
        const channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'react-memo-outsider');
        const message = await chat.post(stack.user1, channel, unique('Not for outsiders'));
        await expect(react(stack.user2, message, 'memo')).rejects.toMatchObject({status_code: 403});
        // A member's 📝 adds it: the refusal did not use the message up.
        await react(stack.user1, message, 'memo');
        await chat.waitForReplies(message.id, 1, stack.user1);
        expect((await TodoApi.as(stack.user1, stack.siteURL).listChannel(channel.id)).todos).toHaveLength(1);
    });

    test('follows the emoji the admin chose', async () => {
        const channel = await chat.newChannel('react-memo-settings');
        await withSettings(clientFor(stack.admin), {reactionaddemoji: 'pushpin'}, async () => {
            // The setting reaches the plugin through OnConfigurationChange; retry until it has.
            await eventually(async () => {
                const message = await chat.post(stack.user1, channel, unique('Pinned work'));
                await react(stack.user1, message, 'pushpin');
                await chat.waitForReplies(message.id, 1, stack.user1, 5_000);
            });
            const memo = await chat.post(stack.user1, channel, unique('Only a memo'));
            await react(stack.user1, memo, 'memo');
            const pinned = await chat.post(stack.user1, channel, unique('Pinned again'));
            await react(stack.user1, pinned, 'pushpin');
            await chat.waitForReplies(pinned.id, 1);
            expect(await chat.botReplies(stack.user1, memo.id)).toEqual([]);
        });
        const {todos} = await TodoApi.as(stack.user1, stack.siteURL).listChannelAll(channel.id);
        expect(todos.filter((t) => t.text.includes('Only a memo'))).toEqual([]);
    });
});
