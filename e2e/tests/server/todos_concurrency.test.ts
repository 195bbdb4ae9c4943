// 200 adds at once to one channel through the real server: every one succeeds and the list holds
// exactly 200 todos numbered 1..200, each number once.
import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor} from '../../harness/stack';
import {TodoApi, type Todo} from '../../harness/todo_api';
import {openScene} from '../../harness/scene';

const {stack} = openScene();

const count = 200;

test(`${count} concurrent adds by two users produce todos numbered 1..${count}`, async () => {
    const channel = await createScratchChannel(clientFor(stack.admin), stack.team.id, 'O', [stack.user1.id, stack.user2.id], 'concurrent');
    const users = [TodoApi.as(stack.user1, stack.siteURL), TodoApi.as(stack.user2, stack.siteURL)];

    const answers = await Promise.all(Array.from({length: count}, (_, i) =>
        users[i % 2].request('POST', `/channels/${channel.id}/todos`, {body: {text: `concurrent ${i}`}})));
    expect(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.text}`)).toEqual([]);

    const expected = Array.from({length: count}, (_, i) => i + 1);
    const returned = answers.map((a) => (a.json as Todo).number).sort((a, b) => a - b);
    expect(returned).toEqual(expected);

    // Read back through the API, 50 at a time: every todo once, in list order, numbered 1..200.
    const {todos, pages} = await users[0].listChannelAll(channel.id, {state: 'all', limit: 50});
    expect(pages).toBe(count / 50);
    expect(todos).toHaveLength(count);
    expect(new Set(todos.map((t) => t.id)).size).toBe(count);
    expect(todos.map((t) => t.number).sort((a, b) => a - b)).toEqual(expected);
    expect(todos.map((t) => t.text).sort()).toEqual(Array.from({length: count}, (_, i) => `concurrent ${i}`).sort());
    // List order is the order the adds were committed in, which is the order of their numbers.
    expect(todos.map((t) => t.number)).toEqual(expected);
    const positions = todos.map((t) => t.position);
    expect(new Set(positions).size).toBe(count);

    // Each add was one change of the list.
    expect((await users[1].listChannel(channel.id, {limit: 1})).version).toBe(count);
    // The next add continues the sequence.
    expect((await users[1].addToChannel(channel.id, {text: 'after the rush'})).number).toBe(count + 1);
});
