// Buttons on the bot's posts, pressed through Mattermost's own endpoint
// (POST /api/v4/posts/{id}/actions/{action}) as the web and mobile apps press them: Mattermost
// calls the plugin's route with the presser, and the plugin answers by updating the post.
import type {Post} from '@mattermost/types/posts';

import {buttonIds, buttonText, press, pressAndHear, reread} from '../../harness/buttons';
import {wordJoiner} from '../../harness/chat';
import {eventually} from '../../harness/eventually';
import {withSettings} from '../../harness/plugin_config';
import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';
import {EventStream} from '../../harness/websocket';
import {openScene} from '../../harness/scene';

const {stack, chat} = openScene();

/** The bot's "added" answer to `@todo add <text>` posted by user1, in the new post's thread. */
async function addedCard(channelPrefix: string, text: string): Promise<{card: Post; channelId: string}> {
    const channel = await chat.newChannel(channelPrefix);
    const asked = await chat.post(stack.user1, channel, `@todo add ${text}`);
    const [card] = await chat.waitForReplies(asked.id, 1);
    return {card, channelId: channel.id};
}

describe('the "added" answer', () => {
    test('carries Done and Undo; Done completes the todo as the presser and updates the post in place', async () => {
        const text = unique('Order the cake');
        const {card, channelId} = await addedCard('btn-done', text);
        expect(buttonIds(card)).toEqual(['done', 'undo', 'edit']);

        const pressed = await press(stack.user2, card, 'done');
        expect(pressed.status).toBe(200);

        const todo = await TodoApi.as(stack.user1, stack.siteURL).byNumber(channelId, 1);
        expect(todo.state).toBe('done');
        expect(todo.completed_by).toBe(stack.user2.id);

        const updated = await reread(stack.user1, card.id);
        expect(updated.message).toBe(card.message);
        expect(buttonText(updated)).toBe(`~~**#1**~~ completed by @${wordJoiner}${stack.user2.username}.`);
        expect(buttonIds(updated)).toEqual(['reopen']);

        await press(stack.user1, updated, 'reopen');
        expect((await TodoApi.as(stack.user1, stack.siteURL).byNumber(channelId, 1)).state).toBe('open');
        expect(buttonIds(await reread(stack.user1, card.id))).toEqual(['done', 'undo', 'edit']);
    });

    test('Undo deletes the todo, and Restore brings it back', async () => {
        const {card, channelId} = await addedCard('btn-undo', unique('Mistake'));
        const api = TodoApi.as(stack.user1, stack.siteURL);
        expect((await press(stack.user1, card, 'undo')).status).toBe(200);
        await expect(api.byNumber(channelId, 1)).rejects.toMatchObject({status: 404});
        const updated = await reread(stack.user1, card.id);
        expect(buttonIds(updated)).toEqual(['restore']);

        await press(stack.user1, updated, 'restore');
        expect((await api.byNumber(channelId, 1)).state).toBe('open');
    });

    test('a press on a todo that changed since says so, to the presser alone, and shows the todo as it is', async () => {
        const {card, channelId} = await addedCard('btn-stale', unique('Already handled'));
        const api = TodoApi.as(stack.user1, stack.siteURL);
        const todo = await api.byNumber(channelId, 1);
        await api.complete(todo.id);

        const {pressed, ephemeral} = await pressAndHear(stack.user2, card, 'done');
        expect(pressed.status).toBe(200);
        expect(ephemeral.message).toBe('**#1** was already completed; this post now shows it as it is.');
        expect(ephemeral.root_id).toBe(card.root_id);
        expect((await api.get(todo.id)).completed_by).toBe(stack.user1.id);
        expect(buttonIds(await reread(stack.user1, card.id))).toEqual(['reopen']);

        await api.delete(todo.id);
        const gone = await pressAndHear(stack.user2, card, 'reopen');
        expect(gone.ephemeral.message).toBe('**#1** was deleted since this post was made, so there is nothing to do.');
    });

    test('a press the rules do not allow is refused, privately, and changes nothing', async () => {
        // Only creators and channel admins may delete others' todos: user2's Undo is refused.
        await withSettings(clientFor(stack.admin), {editpolicy: 'creator_and_admins'}, async () => {
            const {card, channelId} = await addedCard('btn-refused', unique('Mine to delete'));
            const api = TodoApi.as(stack.user1, stack.siteURL);
            // The setting reaches the plugin through OnConfigurationChange: wait until the REST
            // API refuses user2 the same delete.
            await eventually(async () => {
                const probe = await api.addToChannel(channelId, {text: unique('probe')});
                const answer = await TodoApi.as(stack.user2, stack.siteURL).request('DELETE', `/todos/${probe.id}`);
                expect(answer.status).toBe(403);
            });
            const {pressed, ephemeral} = await pressAndHear(stack.user2, card, 'undo');
            expect(pressed.status).toBe(200);
            expect(ephemeral.message).toBe('Only the todo\'s creator and the channel\'s admins can change or delete it.');
            expect((await api.byNumber(channelId, 1)).state).toBe('open');
            expect(buttonIds(await reread(stack.user1, card.id))).toEqual(['done', 'undo', 'edit']);
        });
    });

    test('a press by someone outside the channel is refused', async () => {
        const admin = clientFor(stack.admin);
        // user2 is in the team but not in this public channel.
        const channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'btn-outsider');
        const asked = await chat.post(stack.user1, channel, `@todo add ${unique('Members only')}`);
        const [card] = await chat.waitForReplies(asked.id, 1, stack.user1);

        const pressed = await press(stack.user2, card, 'done');
        expect(pressed.status).toBe(403);
        expect((await TodoApi.as(stack.user1, stack.siteURL).byNumber(channel.id, 1)).state).toBe('open');
        expect(buttonIds(await reread(stack.user1, card.id))).toEqual(['done', 'undo', 'edit']);
    });

    test('in a private channel, Mattermost itself refuses a non-member\'s press', async () => {
        const admin = clientFor(stack.admin);
        const channel = await createScratchChannel(admin, stack.team.id, 'P', [stack.user1.id], 'btn-private');
        const asked = await chat.post(stack.user1, channel, `@todo add ${unique('Secret')}`);
        const [card] = await chat.waitForReplies(asked.id, 1, stack.user1);

        const pressed = await press(stack.user2, card, 'done');
        expect(pressed.status).toBe(403);
        expect((await TodoApi.as(stack.user1, stack.siteURL).byNumber(channel.id, 1)).state).toBe('open');
    });

    test('an ephemeral /todo add answer has buttons too, and a press replaces it for the presser', async () => {
        const channel = await chat.newChannel('btn-ephemeral');
        const ws = await EventStream.connect(stack.siteURL, stack.user1);
        try {
            const response = await chat.slash(stack.user1, channel, `/todo add ${unique('Private answer')}`);
            expect(response.response_type).toBe('ephemeral');
            const event = await ws.next((e) => e.event === 'ephemeral_message');
            const answer = JSON.parse(String(event.data.post)) as Post;
            expect(buttonIds(answer)).toEqual(['done', 'undo', 'edit']);

            const pressed = await press(stack.user1, answer, 'done');
            expect(pressed.status).toBe(200);
            expect((await TodoApi.as(stack.user1, stack.siteURL).byNumber(channel.id, 1)).state).toBe('done');

            const edited = await ws.next((e) => e.event === 'post_edited' && (JSON.parse(String(e.data.post)) as Post).id === answer.id);
            const replaced = JSON.parse(String(edited.data.post)) as Post;
            expect(buttonIds(replaced)).toEqual(['reopen']);
        } finally {
            ws.close();
        }
    });

    test('a context sent straight to the plugin\'s route cannot act on any todo', async () => {
        const {card, channelId} = await addedCard('btn-forged', unique('Not yours to forge'));
        const todo = await TodoApi.as(stack.user1, stack.siteURL).byNumber(channelId, 1);
        const res = await fetch(`${stack.siteURL}/plugins/channel-todo/api/v1/actions/press`, {
            method: 'POST',
            headers: {Authorization: `Bearer ${stack.user2.token}`, 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest'},
            body: JSON.stringify({post_id: card.id, channel_id: channelId,
                context: {a: 'done', v: 'card', t: todo.id, n: '1', l: `c_${channelId}`, lc: 'en', sig: 'made-up'}}),
        });
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ephemeral_text: 'This button does not belong to a todo list, so it does nothing.'});
        expect((await TodoApi.as(stack.user1, stack.siteURL).get(todo.id)).state).toBe('open');
    });
});

describe('a list answered in a thread', () => {
    test('carries Done per todo shown and More; Done completes and the page is read again; More shows the next page', async () => {
        const channel = await chat.newChannel('btn-list');
        const api = TodoApi.as(stack.user1, stack.siteURL);
        for (let i = 1; i <= 22; i++) {
            await api.addToChannel(channel.id, {text: `item ${i}`});
        }
        const root = await chat.post(stack.user1, channel, 'what is left?');
        await chat.slash(stack.user1, channel, '/todo list', root.id);
        const [list] = await chat.waitForReplies(root.id, 1);
        const ids = buttonIds(list);
        expect(ids).toHaveLength(21);
        expect(ids[0]).toBe('done1');
        expect(ids[19]).toBe('done20');
        expect(ids[20]).toBe('more');

        expect((await press(stack.user2, list, 'done2')).status).toBe(200);
        expect((await api.byNumber(channel.id, 2)).completed_by).toBe(stack.user2.id);
        let updated = await reread(stack.user1, list.id);
        expect(updated.message).not.toMatch(/\*\*#2\*\* item 2$/m);
        expect(list.message).toMatch(/\*\*#2\*\* item 2$/m);
        expect(buttonIds(updated)).not.toContain('done2');
        expect(buttonIds(updated)).toContain('done21');
        expect(buttonText(updated)).toBe(`~~**#2**~~ completed by @${wordJoiner}${stack.user2.username}.`);

        expect((await press(stack.user1, updated, 'more')).status).toBe(200);
        await eventually(async () => {
            updated = await reread(stack.user1, list.id);
            expect(buttonIds(updated)).toEqual(['done22']);
        });
        expect(updated.message).toContain('item 22');
    });
});
