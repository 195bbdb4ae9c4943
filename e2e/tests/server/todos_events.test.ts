// Live events through the real server: the members of a channel receive
// custom_channel-todo_todo_changed with the list version; people who cannot see the list do not.
import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, loadStack, type Stack} from '../../harness/stack';
import {decodeTodoChanged, TodoApi, todoChangedEvent, type TodoChanged} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';
import {EventStream, type WsEvent} from '../../harness/websocket';

let stack: Stack;
let user1: TodoApi;
let streams: EventStream[] = [];
/** A public channel of user1 and user2 made for this file. */
let shared: string;

beforeAll(async () => {
    stack = loadStack();
    user1 = TodoApi.as(stack.user1, stack.siteURL);
    shared = (await createScratchChannel(clientFor(stack.admin), stack.team.id, 'O', [stack.user1.id, stack.user2.id], 'events')).id;
});

afterEach(() => {
    for (const s of streams) {
        s.close();
    }
    streams = [];
});

async function connect(who: 'user1' | 'user2'): Promise<EventStream> {
    const stream = await EventStream.connect(stack.siteURL, stack[who]);
    streams.push(stream);
    return stream;
}

/** A matcher for the todo_changed event about one todo and action. */
function about(todoId: string, action: string): (e: WsEvent) => boolean {
    return (e) => e.event === todoChangedEvent && e.data.todo_id === todoId && e.data.action === action;
}

describe('todo_changed events', () => {
    test('user2 receives user1\'s changes to a public channel list, with consecutive list versions', async () => {
        const channelId = shared;
        const user2 = await connect('user2');

        const text = unique('Water the plants');
        const added = await user1.addToChannel(channelId, {text});
        const addedEvent: TodoChanged = decodeTodoChanged((await user2.next(about(added.id, 'added'))).data);
        expect(addedEvent).toMatchObject({
            action: 'added',
            list_id: `c_${channelId}`,
            channel_id: channelId,
            user_id: '',
            todo_id: added.id,
        });
        expect(addedEvent.todo).toMatchObject({id: added.id, text, number: added.number, state: 'open'});
        expect(addedEvent.version).toBeGreaterThan(0);

        await user1.complete(added.id);
        const completed = decodeTodoChanged((await user2.next(about(added.id, 'completed'))).data);
        expect(completed.todo.state).toBe('done');
        expect(completed.todo.completed_by).toBe(stack.user1.id);

        await user1.edit(added.id, `${text} (edited)`);
        const updated = decodeTodoChanged((await user2.next(about(added.id, 'updated'))).data);
        expect(updated.todo.text).toBe(`${text} (edited)`);

        await user1.delete(added.id);
        const deleted = decodeTodoChanged((await user2.next(about(added.id, 'deleted'))).data);
        await user1.restore(added.id);
        const restored = decodeTodoChanged((await user2.next(about(added.id, 'restored'))).data);

        // Nothing else touches this list concurrently (jest runs files one at a time), so each
        // change raised the version by exactly one, and a list read shows the latest.
        const versions = [addedEvent, completed, updated, deleted, restored].map((e) => e.version);
        expect(versions).toEqual(versions.map((_, i) => addedEvent.version + i));
        expect((await user1.listChannel(channelId, {limit: 1})).version).toBe(restored.version);
    });

    test('completing a done todo again publishes nothing and keeps the version', async () => {
        const channelId = shared;
        const user2 = await connect('user2');
        const added = await user1.addToChannel(channelId, {text: unique('once')});
        await user1.complete(added.id);
        const first = decodeTodoChanged((await user2.next(about(added.id, 'completed'))).data);

        await user1.complete(added.id); // a no-op
        const marker = await user1.addToChannel(channelId, {text: unique('marker')});
        const markerEvent = decodeTodoChanged((await user2.next(about(marker.id, 'added'))).data);
        expect(user2.events.filter(about(added.id, 'completed'))).toHaveLength(1);
        expect(markerEvent.version).toBe(first.version + 1);
    });

    test('a non-member of the private channel receives none of its events', async () => {
        const user2 = await connect('user2');
        const member = await connect('user1');

        const secret = await user1.addToChannel(stack.channels.private.id, {text: unique('Secret')});
        await user1.complete(secret.id);
        // The member receives them: the events were published.
        await member.next(about(secret.id, 'added'));
        await member.next(about(secret.id, 'completed'));

        // A later public change reaches user2; the server sends one user's events in order, so
        // had the private events been sent to user2 they would have arrived before it.
        const later = await user1.addToChannel(shared, {text: unique('Public')});
        await user2.next(about(later.id, 'added'));
        const leaked = user2.events.filter((e) => e.event === todoChangedEvent &&
            (e.data.channel_id === stack.channels.private.id || e.data.todo_id === secret.id));
        expect(leaked).toEqual([]);
    });

    test('a team member who has not joined a public channel reads its list but gets its events only after joining', async () => {
        const admin = clientFor(stack.admin);
        const channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'unjoined');
        const user2 = await connect('user2');
        const member = await connect('user1');

        const first = await user1.addToChannel(channel.id, {text: unique('Open to the team')});
        await member.next(about(first.id, 'added'));
        // user2 may read the list, as Mattermost lets team members read a public channel ...
        const read = await TodoApi.as(stack.user2, stack.siteURL).listChannel(channel.id, {state: 'all'});
        expect(read.todos.map((t) => t.id)).toEqual([first.id]);
        // ... but, like the channel's posts, its events go to its members only.
        const later = await user1.addToChannel(shared, {text: unique('Shared')});
        await user2.next(about(later.id, 'added'));
        expect(user2.events.filter((e) => e.event === todoChangedEvent && e.data.channel_id === channel.id)).toEqual([]);

        // Once user2 has joined, the next change reaches user2 live.
        await admin.addToChannel(stack.user2.id, channel.id);
        const second = await user1.addToChannel(channel.id, {text: unique('Now a member')});
        const event = decodeTodoChanged((await user2.next(about(second.id, 'added'))).data);
        expect(event).toMatchObject({channel_id: channel.id, version: read.version + 1});
    });

    test('a personal list\'s events go to its owner only', async () => {
        const user2 = await connect('user2');
        const owner = await connect('user1');

        const personal = await user1.addPersonal({text: unique('Dentist')});
        const event = decodeTodoChanged((await owner.next(about(personal.id, 'added'))).data);
        expect(event).toMatchObject({list_id: `u_${stack.user1.id}`, channel_id: '', user_id: stack.user1.id});

        const later = await user1.addToChannel(shared, {text: unique('Public again')});
        await user2.next(about(later.id, 'added'));
        expect(user2.events.filter(about(personal.id, 'added'))).toEqual([]);
    });
});
