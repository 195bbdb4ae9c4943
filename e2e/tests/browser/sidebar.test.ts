// The todo sidebar in the host page against the real server: it shows a channel's
// list, what it changes lands in the REST API, and what another user changes
// appears in it live, through the plugin's WebSocket events.
import type {Locator} from 'playwright-core';

import {clientFor, loadStack} from '../../harness/stack';
import type {Stack} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';

import {openMessageActions, openSidebarOn} from './browser';
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

beforeAll(async () => {
    stack = loadStack();
    channelId = stack.channels.public.id;
    asUser1 = TodoApi.as(stack.user1, stack.siteURL);
    asUser2 = TodoApi.as(stack.user2, stack.siteURL);
    ({session, rhs} = await openSidebarOn(stack.channels.public));
});

afterAll(async () => {
    await session?.close();
});

describe('the sidebar against the real server', () => {
    test('adds a todo that the REST API then lists', async () => {
        const text = unique('Write the release notes');
        const box = rhs.getByRole('textbox', {name: 'Add a todo'});
        await box.fill(text);
        await box.press('Enter');
        await item(text).waitFor();

        const {todos} = await asUser1.listChannel(channelId, {state: 'open', limit: 200});
        const saved = todos.find((t) => t.text === text);
        expect(saved).toBeDefined();
        expect(await item(text).getByRole('checkbox').getAttribute('aria-label')).toBe(`Done: #${saved!.number}`);

        // And the bot lists it when asked in the channel.
        const {page} = session;
        const posts = page.getByRole('list', {name: /^Posts in /});
        const answers = posts.getByTestId('post').filter({hasText: 'Only visible to you'});
        const before = await answers.count();
        const messageBox = page.getByRole('textbox', {name: /^Write to /});
        await messageBox.fill('/todo list');
        await messageBox.press('Enter');
        await answers.nth(before).waitFor();
        expect(await answers.nth(before).innerText()).toContain(`#${saved!.number}`);
        expect(await answers.nth(before).innerText()).toContain(text);
    });

    test('completes a todo on the server', async () => {
        const todo = await asUser1.addToChannel(channelId, {text: unique('Renew the certificate')});
        await item(todo.text).waitFor();

        // The checkbox moves at once (optimistic); the server's answer decides.
        const [answer] = await Promise.all([
            session.page.waitForResponse((r) => r.url().endsWith(`/todos/${todo.id}/complete`)),
            item(todo.text).getByRole('checkbox', {name: `Done: #${todo.number}`}).click(),
        ]);
        expect(answer.status()).toBe(200);
        await rhs.locator('details').getByText(todo.text).waitFor({state: 'attached'});
        expect((await asUser1.get(todo.id)).state).toBe('done');
    });

    test('deletes a todo and restores it on the server with Undo', async () => {
        const todo = await asUser1.addToChannel(channelId, {text: unique('Order the pizza')});
        await item(todo.text).waitFor();

        await item(todo.text).getByRole('button', {name: 'Delete'}).click();
        const status = rhs.getByRole('status').filter({hasText: `Deleted #${todo.number}.`});
        await status.waitFor();
        await expectGone(() => asUser1.get(todo.id));

        await status.getByRole('button', {name: 'Undo'}).click();
        await item(todo.text).waitFor();
        expect((await asUser1.get(todo.id)).state).toBe('open');
    });

    test('shows another user\'s changes without a reload', async () => {
        const todo = await asUser2.addToChannel(channelId, {text: unique('Added by user2')});
        await item(todo.text).waitFor();

        const edited = unique('Edited by user2');
        await asUser2.edit(todo.id, edited);
        await item(edited).waitFor();
        expect(await item(todo.text).count()).toBe(0);

        await asUser2.complete(todo.id);
        await rhs.locator('details').getByText(edited).waitFor({state: 'attached'});
        expect(await rhs.locator('ul').first().getByText(edited).count()).toBe(0);
    });

    test('shows what another user does with /todo without a reload', async () => {
        const user2 = clientFor(stack.user2);
        const text = unique('Added with the slash command');
        await user2.executeCommand(`/todo add ${text}`, {channel_id: channelId, team_id: stack.team.id});
        await item(text).waitFor();

        const {todos} = await asUser2.listChannel(channelId, {state: 'open', limit: 200});
        const added = todos.find((t) => t.text === text)!;
        await user2.executeCommand(`/todo done ${added.number}`, {channel_id: channelId, team_id: stack.team.id});
        await rhs.locator('details').getByText(text).waitFor({state: 'attached'});
        expect((await asUser1.get(added.id)).state).toBe('done');
    });

    test('assigns a channel member, who then finds it among their todos', async () => {
        const todo = await asUser1.addToChannel(channelId, {text: unique('Prepare the demo')});
        await item(todo.text).getByRole('button', {name: 'Assign'}).click();
        const picker = item(todo.text).getByRole('group', {name: `Assignees for #${todo.number}`});
        await picker.getByRole('checkbox', {name: `@${stack.user2.username}`}).check();
        await picker.getByRole('button', {name: 'Save'}).click();

        await item(todo.text).getByRole('img', {name: `@${stack.user2.username}`}).waitFor();
        expect((await asUser1.get(todo.id)).assignees).toEqual([stack.user2.id]);
        const mine = await asUser2.mine({limit: 200});
        expect(mine.todos.map((t) => t.id)).toContain(todo.id);
    });

    test('the actions that show on hover cover no todo\'s text', async () => {
        const above = await asUser1.addToChannel(channelId, {text: unique('A todo above, long enough to run across the whole width of the sidebar and wrap')});
        const todo = await asUser1.addToChannel(channelId, {text: unique('Hovered: its actions show at the top right of its row')});
        // By id: while it is edited its text is the editor's value, not the row's text.
        const row = rhs.locator(`li[data-todo-id="${todo.id}"]`);
        await item(todo.text).waitFor();
        await item(above.text).waitFor();
        await row.hover();
        const bar = row.getByRole('group', {name: `Actions for #${todo.number}`});
        await session.page.waitForFunction((el) => getComputedStyle(el!).opacity === '1', await bar.elementHandle());
        const box = (await bar.boundingBox())!;
        const texts = await rhs.locator('.channel-todo-text').evaluateAll((els) => els.map((el) => {
            const r = el.getBoundingClientRect();
            return {text: el.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom};
        }));
        expect(texts.map((t) => t.text)).toEqual(expect.arrayContaining([above.text, todo.text]));
        const covered = texts.filter((t) => t.left < box.x + box.width && box.x < t.right && t.top < box.y + box.height && box.y < t.bottom);
        expect(covered.map((t) => t.text)).toEqual([]);

        // And each button draws a glyph of the icon font: a name the font lacks draws nothing.
        const glyphs = await bar.getByRole('button').evaluateAll((buttons) => buttons.map((b) => {
            const icon = b.querySelector('i.icon');
            return [b.getAttribute('aria-label') ?? b.textContent ?? '', icon ? getComputedStyle(icon, '::before').content : 'no icon'];
        }));
        expect(glyphs.length).toBeGreaterThan(5);
        expect(glyphs.filter(([, content]) => content === 'none' || content === 'normal' || content === 'no icon')).toEqual([]);

        // Nor the draft while the todo is edited (the editor holds the focus: the bar stays).
        await bar.getByRole('button', {name: 'Edit'}).click();
        const editor = row.getByRole('textbox', {name: `Edit todo #${todo.number}`});
        const [barBox, editorBox] = [(await bar.boundingBox())!, (await editor.boundingBox())!];
        expect(barBox.y + barBox.height).toBeLessThanOrEqual(editorBox.y);
        await editor.press('Escape');
        await editor.waitFor({state: 'detached'});
    });

    test('makes a todo from a message with the message menu', async () => {
        const {page} = session;
        const text = unique('Please review the plan');
        const post = await clientFor(stack.user1).createPost({channel_id: channelId, message: text});
        const shown = page.getByTestId('post').filter({hasText: text});
        await shown.waitFor();

        await openMessageActions(shown);
        await shown.getByRole('menuitem', {name: 'Add to channel todo'}).click();

        await item(text).waitFor();
        const notice = rhs.getByRole('status').filter({hasText: 'to the channel\'s todos.'});
        await notice.waitFor();
        const {todos} = await asUser1.listChannel(channelId, {state: 'open', limit: 200});
        const made = todos.find((t) => t.text === text);
        expect(made).toMatchObject({post_id: post.id, root_id: post.id});
        expect(await notice.innerText()).toContain(`Added #${made!.number}`);
        expect(await item(text).getByRole('link', {name: 'Open thread'}).getAttribute('href')).toBe(`/_redirect/pl/${post.id}`);
    });
});

// A deleted todo answers 404 until it is restored.
async function expectGone(read: () => Promise<unknown>): Promise<void> {
    await expect(read()).rejects.toThrow(/404/);
}
