// The sidebar's Comment in Chromium against the real server: a todo shows how many replies its
// thread has, and Comment opens the thread in the client, having the bot start it first when
// the todo has none.
import type {Locator} from 'playwright-core';

import {clientFor, loadStack} from '../../harness/stack';
import type {Stack} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';
import type {Todo} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';

import {openSidebarOn} from './browser';
import type {Session} from './browser';

let stack: Stack;
let session: Session;
let rhs: Locator;
let asUser1: TodoApi;
let discussed: Todo;
let fresh: Todo;
let root: string;

function item(text: string): Locator {
    return rhs.getByRole('listitem').filter({hasText: text});
}

beforeAll(async () => {
    stack = loadStack();
    const channelId = stack.channels.public.id;
    asUser1 = TodoApi.as(stack.user1, stack.siteURL);
    const asUser2 = TodoApi.as(stack.user2, stack.siteURL);
    // Made before the page opens, so the sidebar's first page carries the reply count.
    discussed = await asUser1.addToChannel(channelId, {text: unique('Pick the venue')});
    root = (await asUser1.comment(discussed.id, 'The hall is free')).root_id;
    await asUser2.comment(discussed.id, 'So is the park');
    fresh = await asUser1.addToChannel(channelId, {text: unique('Send the invites')});
    ({session, rhs} = await openSidebarOn(stack.channels.public));
});

afterAll(async () => {
    await session?.close();
});

describe('comments in the sidebar', () => {
    test('shows the reply count, and Comment opens the thread', async () => {
        const row = item(discussed.text);
        await row.getByText('2 replies').waitFor();
        await row.getByRole('button', {name: 'Comment'}).click();
        const highlighted = session.page.locator('[data-highlighted]');
        await highlighted.filter({hasText: `📝 #${discussed.number} ${discussed.text}`}).waitFor();
        expect(session.page.url()).toContain(root);
        expect(await highlighted.count()).toBe(1);
    });

    test('Comment on a todo without a thread starts it and opens it', async () => {
        const row = item(fresh.text);
        expect(await row.getByText(/repl(y|ies)/).count()).toBe(0);
        await row.getByRole('button', {name: 'Comment'}).click();
        await session.page.locator('[data-highlighted]').filter({hasText: `📝 #${fresh.number} ${fresh.text}`}).waitFor();
        const started = (await asUser1.get(fresh.id)).post_id;
        expect(started).toBeTruthy();
        expect(session.page.url()).toContain(started);
    });

    test('another person\'s reply, and its deletion, change the count without a reload', async () => {
        const row = item(discussed.text);
        await row.getByText('2 replies').waitFor();
        await session.page.evaluate(() => {
            (window as {sameDocument?: boolean}).sameDocument = true;
        });
        const asUser2 = TodoApi.as(stack.user2, stack.siteURL);
        const {post_id: reply} = await asUser2.comment(discussed.id, 'Booked the hall');
        await row.getByText('3 replies').waitFor();
        await clientFor(stack.user2, stack.siteURL).deletePost(reply);
        await row.getByText('2 replies').waitFor();
        expect(await session.page.evaluate(() => (window as {sameDocument?: boolean}).sameDocument)).toBe(true);
    });
});
