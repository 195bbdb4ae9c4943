// Issue 15 in the sidebar, in Chromium against the real server: the add box reads the same
// one line as /todo add, a todo's priority is shown and set, and the list sorts and narrows on
// the server, following other people's changes live.
import type {Locator} from 'playwright-core';

import {loadStack} from '../../harness/stack';
import type {Stack} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';

import {openSidebarOnNewChannel} from './browser';
import type {Session} from './browser';

let stack: Stack;
let session: Session;
let rhs: Locator;
let asUser1: TodoApi;
let asUser2: TodoApi;
let channelId: string;

function item(text: string): Locator {
    return rhs.getByRole('listitem').filter({hasText: text});
}

/** The texts of the open todos the sorted view shows, in order. */
async function sortedTexts(): Promise<string[]> {
    return rhs.locator('.channel-todo-sorted .channel-todo-text').allInnerTexts();
}

beforeAll(async () => {
    stack = loadStack();
    asUser1 = TodoApi.as(stack.user1, stack.siteURL);
    asUser2 = TodoApi.as(stack.user2, stack.siteURL);
    const opened = await openSidebarOnNewChannel('sidebar-prio');
    ({session, rhs} = opened);
    channelId = opened.channel.id;
});

afterAll(async () => {
    await session?.close();
});

describe('priorities and one-line details in the sidebar', () => {
    test('the add box assigns, dates and prioritizes from the end of the line', async () => {
        const text = unique('Ship the release');
        const box = rhs.getByRole('textbox', {name: 'Add a todo'});
        await box.fill(`${text} @${stack.user2.username} due 2030-01-04 17:00 !high`);
        await box.press('Enter');
        const row = item(text);
        await row.locator('.channel-todo-priority--high').waitFor();
        await row.getByText('Due 2030-01-04 17:00').waitFor();

        const {todos} = await asUser1.listChannel(channelId, {state: 'open'});
        const saved = todos.find((t) => t.text === text);
        expect(saved?.assignees).toEqual([stack.user2.id]);
        expect(saved?.priority).toBe('high');
        expect(saved?.due).toMatchObject({date: '2030-01-04', time: '17:00'});
    });

    test('sets a priority from the row, and shows another person\'s change live', async () => {
        const todo = await asUser1.addToChannel(channelId, {text: unique('Renew the certificate')});
        const row = item(todo.text);
        await row.waitFor();
        expect(await row.locator('.channel-todo-priority').count()).toBe(0);

        await row.hover();
        await row.getByRole('button', {name: 'Priority', exact: true}).click();
        await row.getByRole('combobox', {name: `Priority of #${todo.number}`}).selectOption('medium');
        await row.getByRole('button', {name: 'Save'}).click();
        // The badge, not the editor's option: the editor closes once the server answered.
        await row.locator('.channel-todo-priority--medium').waitFor();
        await row.getByRole('combobox', {name: `Priority of #${todo.number}`}).waitFor({state: 'detached'});
        expect((await asUser1.get(todo.id)).priority).toBe('medium');

        await asUser2.patch(todo.id, {priority: 'low'});
        await row.locator('.channel-todo-priority--low').waitFor();
    });

    test('sorts by priority and narrows to high on the server, following changes live', async () => {
        const low = await asUser1.addToChannel(channelId, {text: unique('Low one'), priority: 'low'});
        const high = await asUser1.addToChannel(channelId, {text: unique('High one'), priority: 'high'});
        await item(high.text).waitFor();

        const [answer] = await Promise.all([
            session.page.waitForResponse((r) => r.url().includes(`/channels/${channelId}/todos?`) && r.url().includes('sort=priority')),
            rhs.getByRole('combobox', {name: 'Sort', exact: true}).selectOption('priority'),
        ]);
        expect(answer.status()).toBe(200);
        await item(low.text).waitFor();
        const order = await sortedTexts();
        expect(order.indexOf(high.text)).toBeGreaterThanOrEqual(0);
        expect(order.indexOf(high.text)).toBeLessThan(order.indexOf(low.text));

        await rhs.getByRole('combobox', {name: 'Priority', exact: true}).selectOption('high');
        await item(low.text).waitFor({state: 'detached'});
        expect(await sortedTexts()).toContain(high.text);

        // Another person raises the low one: the narrowed view reads the list again.
        await asUser2.patch(low.id, {priority: 'high'});
        await item(low.text).waitFor();
        const after = await sortedTexts();
        expect(after.indexOf(high.text)).toBeGreaterThan(after.indexOf(low.text));

        await rhs.getByRole('combobox', {name: 'Priority', exact: true}).selectOption('');
        await rhs.getByRole('combobox', {name: 'Sort', exact: true}).selectOption('position');
        await rhs.locator('.channel-todo-sorted').waitFor({state: 'detached'});
        expect(session.takeErrors()).toEqual([]);
    });
});

describe('recurring todos in the sidebar', () => {
    test('the add box makes a todo recur, and completing it shows the next one', async () => {
        const text = unique('Water the plants');
        const box = rhs.getByRole('textbox', {name: 'Add a todo'});
        await box.fill(`${text} every monday`);
        await box.press('Enter');
        const rows = item(text);
        await rows.getByText('Every Monday').waitFor();
        const {todos} = await asUser1.listChannel(channelId, {state: 'open', limit: 200});
        const first = todos.find((t) => t.text === text)!;
        expect(first.recur).toBe('monday');

        await rows.getByRole('checkbox', {name: `Done: #${first.number}`}).click();
        const next = rhs.getByRole('checkbox', {name: `Done: #${first.number + 1}`});
        await next.waitFor();
        expect(await next.isChecked()).toBe(false);
        const successor = await asUser1.byNumber(channelId, first.number + 1);
        expect(successor).toMatchObject({text, recur: 'monday', state: 'open'});

        // The Repeat action stops it.
        const row = rhs.getByRole('listitem').filter({has: session.page.getByRole('checkbox', {name: `Done: #${successor.number}`})});
        await row.hover();
        await row.getByRole('button', {name: 'Repeat', exact: true}).click();
        await row.getByRole('combobox', {name: `Repeat #${successor.number}`}).selectOption('');
        await row.getByRole('button', {name: 'Save'}).click();
        await row.locator('.channel-todo-recur').waitFor({state: 'detached'});
        expect((await asUser1.get(successor.id)).recur).toBeUndefined();
    });
});
