// Checklists on the real server: steps added, ticked, moved and removed through REST, the
// slash command and an @todo mention, the progress on list pages and in `/todo list`, the
// refusal to complete a todo with open steps (and completing it anyway), and that people who
// cannot read a list cannot touch its checklists.
import {createScratchChannel} from '../../harness/scratch_channel';
import {openScene} from '../../harness/scene';
import {TodoApi} from '../../harness/todo_api';

const {stack, admin, chat} = openScene();

describe('checklists', () => {
    test('REST: add, tick, move, remove; the list page carries the progress', async () => {
        const channel = await chat.newChannel('checklist-rest');
        const asUser1 = TodoApi.as(stack.user1, stack.siteURL);
        const asUser2 = TodoApi.as(stack.user2, stack.siteURL);
        const todo = await asUser1.addToChannel(channel.id, {text: 'Pack for the offsite'});

        await asUser1.addItem(todo.id, 'Laptop');
        await asUser2.addItem(todo.id, 'Charger');
        let c = await asUser1.addItem(todo.id, 'Badge');
        expect(c.items.map((i) => [i.position, i.text])).toEqual([[1, 'Laptop'], [2, 'Charger'], [3, 'Badge']]);

        c = await asUser2.changeItem(todo.id, c.items[1].id, {done: true});
        expect(c.items[1]).toMatchObject({done: true, done_by: stack.user2.id});
        c = await asUser1.moveItem(todo.id, c.items[2].id, 1);
        expect(c.items.map((i) => i.text)).toEqual(['Badge', 'Laptop', 'Charger']);
        c = await asUser1.removeItem(todo.id, c.items[1].id);
        expect(c.items.map((i) => [i.position, i.text, i.done])).toEqual([[1, 'Badge', false], [2, 'Charger', true]]);
        expect([c.todo.items_done, c.todo.items_total]).toEqual([1, 2]);

        const {todos} = await asUser2.listChannel(channel.id);
        const listed = todos.find((t) => t.id === todo.id)!;
        expect([listed.items_done, listed.items_total]).toEqual([1, 2]);

        const bad = await asUser1.request('POST', `/todos/${todo.id}/items`, {rawBody: '{"text": 3}'});
        expect([bad.status, (bad.json as {code: string}).code]).toEqual([400, 'invalid_json']);
        const unknown = await asUser1.request('PATCH', `/todos/${todo.id}/items/${'x'.repeat(26)}`, {body: {done: true}});
        expect([unknown.status, (unknown.json as {code: string}).code]).toEqual([404, 'item_not_found']);
    });

    test('completing with open steps is refused, then forced; the steps stay as they were', async () => {
        const channel = await chat.newChannel('checklist-done');
        const asUser1 = TodoApi.as(stack.user1, stack.siteURL);
        const todo = await asUser1.addToChannel(channel.id, {text: 'Ship the release'});
        const c = await asUser1.addItem(todo.id, 'Tag it');
        await asUser1.addItem(todo.id, 'Announce it');
        await asUser1.changeItem(todo.id, c.items[0].id, {done: true});

        const refused = await asUser1.request('POST', `/todos/${todo.id}/complete`);
        expect(refused.status).toBe(409);
        expect(refused.json).toMatchObject({code: 'items_open'});
        expect((await asUser1.get(todo.id)).state).toBe('open');

        const answer = await chat.slashAnswer(stack.user1, channel, `/todo done ${todo.number}`);
        expect(answer).toContain(`still has 1 of 2 checklist items open`);
        expect(answer).toContain(`/todo done ${todo.number} anyway`);
        expect((await asUser1.get(todo.id)).state).toBe('open');

        const forced = await asUser1.request('POST', `/todos/${todo.id}/complete`, {body: {force: true}});
        expect(forced.status).toBe(200);
        const done = await asUser1.get(todo.id);
        expect(done.state).toBe('done');
        expect([done.items_done, done.items_total]).toEqual([1, 2]);

        const other = await asUser1.addToChannel(channel.id, {text: 'Clean up'});
        await asUser1.addItem(other.id, 'Branches');
        await chat.slashAnswer(stack.user1, channel, `/todo done ${other.number} anyway`);
        expect((await asUser1.get(other.id)).state).toBe('done');
    });

    test('the slash command and a mention keep a checklist; /todo list shows the progress', async () => {
        const channel = await chat.newChannel('checklist-chat');
        const asUser1 = TodoApi.as(stack.user1, stack.siteURL);
        const todo = await asUser1.addToChannel(channel.id, {text: 'Plan the party'});
        const n = todo.number;

        expect(await chat.slashAnswer(stack.user1, channel, `/todo item ${n} add Book the room`)).toContain(`Added item 1 to **#${n}**.`);
        expect(await chat.slashAnswer(stack.user2, channel, `/todo item ${n} Order @channel cake`)).toContain('**2.** Order');

        const asked = await chat.post(stack.user1, channel, `@todo item ${n} tick 1`);
        const [answer] = await chat.waitForReplies(asked.id, 1);
        expect(answer.message).toContain(`Ticked item 1 of **#${n}**.`);
        expect(answer.message).toContain('- [x] **1.** Book the room');
        expect(answer.message).toContain('checklist 1/2');

        const moved = await chat.slashAnswer(stack.user1, channel, `/todo item ${n} move 2 top`);
        expect(moved).toMatch(/- \[ \] \*\*1\.\*\* Order .*cake/);
        const list = await chat.slashAnswer(stack.user2, channel, '/todo list');
        expect(list).toContain(`**#${n}** Plan the party \`1/2\``);

        const c = await asUser1.checklist(todo.id);
        expect(c.items.map((i) => [i.position, i.done])).toEqual([[1, false], [2, true]]);
        expect(c.items[0].text).toBe('Order @channel cake');
    });

    test('people who cannot read the list can neither read nor change its checklists', async () => {
        const secret = await createScratchChannel(admin, stack.team.id, 'P', [stack.user1.id], 'checklist-private');
        const asUser1 = TodoApi.as(stack.user1, stack.siteURL);
        const todo = await asUser1.addToChannel(secret.id, {text: 'Plan the surprise'});
        const c = await asUser1.addItem(todo.id, 'Buy a card');
        const outsider = TodoApi.as(stack.user2, stack.siteURL);

        expect((await outsider.request('GET', `/todos/${todo.id}/items`)).status).toBe(403);
        expect((await outsider.request('POST', `/todos/${todo.id}/items`, {body: {text: 'peek'}})).status).toBe(403);
        expect((await outsider.request('PATCH', `/todos/${todo.id}/items/${c.items[0].id}`, {body: {done: true}})).status).toBe(403);
        expect((await outsider.request('DELETE', `/todos/${todo.id}/items/${c.items[0].id}`)).status).toBe(403);

        const after = await asUser1.checklist(todo.id);
        expect(after.items.map((i) => [i.text, i.done])).toEqual([['Buy a card', false]]);
    });
});
