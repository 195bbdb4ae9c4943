// Checklists in the sidebar, in Chromium against the real server: a todo shows its progress,
// opens its checklist, ticks and adds items there, follows another person's tick live, and
// asks before completing a todo whose checklist still has open items.
import type {Locator} from 'playwright-core';

import {eventually} from '../../harness/eventually';
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

function row(text: string): Locator {
    return rhs.locator('li.channel-todo-row').filter({hasText: text});
}

beforeAll(async () => {
    stack = loadStack();
    asUser1 = TodoApi.as(stack.user1, stack.siteURL);
    asUser2 = TodoApi.as(stack.user2, stack.siteURL);
    const opened = await openSidebarOnNewChannel('sidebar-checklist');
    ({session, rhs} = opened);
    channelId = opened.channel.id;
});

afterAll(async () => {
    await session?.close();
});

describe('checklists in the sidebar', () => {
    test('ticks and adds items, follows another person\'s tick live, and asks before completing', async () => {
        const todo = await asUser1.addToChannel(channelId, {text: unique('Prepare the offsite')});
        await asUser1.addItem(todo.id, 'Book the bus');
        await asUser2.addItem(todo.id, 'Order lunch');
        const r = row(todo.text);
        const progress = r.getByRole('button', {name: `Checklist of #${todo.number}: 0 of 2 done`});
        await progress.waitFor();
        expect(await progress.innerText()).toContain('0/2');

        await progress.click();
        const list = r.getByRole('group', {name: `Checklist of #${todo.number}`});
        const bus = list.getByRole('checkbox', {name: `Item 1 of #${todo.number}: Book the bus`});
        // The box follows the server's answer, not the click.
        await bus.click();
        await r.getByRole('button', {name: `Checklist of #${todo.number}: 1 of 2 done`}).waitFor();
        expect((await asUser1.checklist(todo.id)).items.map((i) => i.done)).toEqual([true, false]);

        const box = list.getByRole('textbox', {name: `New item for #${todo.number}`});
        await box.fill('Print the agenda');
        await box.press('Enter');
        await list.getByRole('checkbox', {name: `Item 3 of #${todo.number}: Print the agenda`}).waitFor();
        expect((await asUser1.checklist(todo.id)).items.map((i) => i.text)).toEqual(['Book the bus', 'Order lunch', 'Print the agenda']);

        // Someone else ticks an item: the progress and the open checklist follow.
        const {items} = await asUser2.checklist(todo.id);
        await asUser2.changeItem(todo.id, items[1].id, {done: true});
        await r.getByRole('button', {name: `Checklist of #${todo.number}: 2 of 3 done`}).waitFor();
        await session.page.waitForFunction(
            (name) => [...document.querySelectorAll('input[type=checkbox]')].some((el) => el.getAttribute('aria-label') === name && (el as HTMLInputElement).checked),
            `Item 2 of #${todo.number}: Order lunch`,
        );

        // Completing asks first while an item is open; Cancel leaves it open.
        await r.getByRole('checkbox', {name: `Done: #${todo.number}`}).click();
        await r.getByText('1 of 3 checklist items are still open.').waitFor();
        await r.getByRole('button', {name: 'Cancel'}).click();
        expect((await asUser1.get(todo.id)).state).toBe('open');
        await r.getByRole('checkbox', {name: `Done: #${todo.number}`}).click();
        await r.getByRole('button', {name: 'Complete anyway'}).click();
        await eventually(async () => {
            expect((await asUser1.get(todo.id)).state).toBe('done');
        });
        const done = await asUser1.get(todo.id);
        expect([done.items_done, done.items_total]).toEqual([2, 3]);
    });
});
