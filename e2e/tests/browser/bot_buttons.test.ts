// The bot's buttons in the host page, pressed as a person presses them in the web client: the
// page draws a post's message attachments and a click sends POST
// /api/v4/posts/{post id}/actions/{action id} to Mattermost, which calls the plugin; the post
// then changes in place when the server's post_edited (or, for a post only you see,
// ephemeral_message) event arrives.
import type {Locator, Page} from 'playwright-core';

import {botDmChannel, justDue, waitForBotDm} from '../../harness/bot_dms';
import {wordJoiner} from '../../harness/chat';
import {TodoApi} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';

import {openHostPage} from './browser';
import {openScene} from '../../harness/scene';

const {stack, chat} = openScene();

function post(page: Page, id: string): Locator {
    return page.locator(`[data-testid=post][data-post-id="${id}"]`);
}

/** Clicks a button of a post and waits for the request the web client sends for it. */
async function pressInPage(page: Page, shown: Locator, postId: string, actionId: string, name: string): Promise<void> {
    const sent = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === `/api/v4/posts/${postId}/actions/${actionId}`);
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v4/posts/${postId}/actions/${actionId}`);
    await shown.getByRole('button', {name, exact: true}).click();
    await sent;
    expect((await answered).status()).toBe(200);
}

describe('buttons on the bot\'s posts in the host page', () => {
    test('a reminder\'s Done in the direct message completes the todo and the message changes in place', async () => {
        const channel = await chat.newChannel('host-remind');
        const text = unique('Send the quarterly report');
        const api = TodoApi.as(stack.user1, stack.siteURL);
        const todo = await api.addToChannel(channel.id, {text, due: justDue()});
        const reminder = await waitForBotDm(stack, stack.user1, text);
        const dm = await botDmChannel(stack, stack.user1);

        const session = await openHostPage(stack.siteURL, {login: stack.user1, channel: dm.name});
        try {
            const {page} = session;
            const shown = post(page, reminder.id);
            await shown.getByRole('button', {name: 'Done', exact: true}).waitFor();
            expect(await shown.getByRole('button').allInnerTexts()).toEqual(expect.arrayContaining(['Done', 'Snooze 1 hour', 'Tomorrow morning']));
            expect(await shown.locator('.host-post__message').innerText()).toContain(text);

            await pressInPage(page, shown, reminder.id, 'done', 'Done');
            await shown.getByTestId('attachment').filter({hasText: `completed by @${wordJoiner}${stack.user1.username}`}).waitFor();
            expect(await shown.getByRole('button', {name: 'Done', exact: true}).count()).toBe(0);
            const done = await api.get(todo.id);
            expect(done.state).toBe('done');
            expect(done.completed_by).toBe(stack.user1.id);
        } finally {
            await session.close();
        }
    });

    test('Undo under an "added" answer only you see removes the todo again and the answer says so', async () => {
        const channel = await chat.newChannel('host-added');
        const session = await openHostPage(stack.siteURL, {login: stack.user1, channel: channel.name});
        try {
            const {page} = session;
            const text = unique('Order new chairs');
            const box = page.getByRole('textbox', {name: /^Write to /});
            await box.fill(`/todo add ${text}`);
            await box.press('Enter');

            // /todo outside a thread answers privately: an ephemeral post, which Mattermost does
            // not store, so the press carries the button's cookie.
            const answer = page.getByTestId('post').filter({hasText: text}).filter({hasText: '(Only visible to you)'});
            await answer.getByRole('button', {name: 'Undo', exact: true}).waitFor();
            const postId = await answer.getAttribute('data-post-id');
            expect(postId).toBeTruthy();
            const api = TodoApi.as(stack.user1, stack.siteURL);
            const todo = await api.byNumber(channel.id, 1);

            const request = page.waitForRequest((r) => new URL(r.url()).pathname === `/api/v4/posts/${postId}/actions/undo`);
            await pressInPage(page, answer, postId as string, 'undo', 'Undo');
            expect(JSON.parse((await request).postData() ?? '{}').cookie).toBeTruthy();
            await answer.getByTestId('attachment').filter({hasText: `deleted by @${wordJoiner}${stack.user1.username}`}).waitFor();
            await answer.getByRole('button', {name: 'Restore', exact: true}).waitFor();
            expect((await api.listChannel(channel.id)).todos.map((t) => t.id)).not.toContain(todo.id);
        } finally {
            await session.close();
        }
    });
});
