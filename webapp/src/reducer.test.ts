import {listLoaded, notice, pageLoaded, reconnected, repliesChanged, todoChanged, todoRemoved, todoSaved, toolChanged} from './actions';
import type {PluginAction} from './actions';
import reducer, {initialState} from './reducer';
import type {PluginState} from './reducer';
import {changeEvent, makeTodo} from './test/fixtures';

const a = makeTodo({text: 'a', position: 1000});
const b = makeTodo({text: 'b', position: 2000});
const c = makeTodo({text: 'c', position: 3000});
const listId = a.list_id;

function withList(todos = [a, b], version = 5, stale = false): PluginState {
    return {...initialState, lists: {[listId]: {todos, version, stale}}};
}

function run(state: PluginState, ...actions: PluginAction[]): PluginState {
    return actions.reduce((s, action) => reducer(s, action), state);
}

describe('reducer', () => {
    it.each<{name: string; state: PluginState; actions: PluginAction[]; todos: string[]; version: number; stale: boolean}>([
        {
            name: 'loads a list in position order',
            state: initialState,
            actions: [listLoaded(listId, [b, a], 5)],
            todos: ['a', 'b'], version: 5, stale: false,
        },
        {
            name: 'appends the next page of a list read in part',
            state: initialState,
            actions: [listLoaded(listId, [a], 5, 'p2'), pageLoaded(listId, 'p2', [b, c])],
            todos: ['a', 'b', 'c'], version: 5, stale: false,
        },
        {
            name: 'ignores a page read for an earlier reading of the list',
            state: initialState,
            actions: [listLoaded(listId, [a], 5, 'p2'), pageLoaded(listId, 'old', [c])],
            todos: ['a'], version: 5, stale: false,
        },
        {
            name: 'leaves a todo placed past what was read for its page',
            state: initialState,
            actions: [listLoaded(listId, [a, b], 5, 'p2'), todoChanged(changeEvent(c, 6, 'added')), todoChanged(changeEvent({...a, position: 4000}, 7, 'moved'))],
            todos: ['b'], version: 7, stale: false,
        },
        {
            name: 'places a todo anywhere once the whole list was read',
            state: initialState,
            actions: [listLoaded(listId, [a, b], 5), todoChanged(changeEvent(c, 6, 'added'))],
            todos: ['a', 'b', 'c'], version: 6, stale: false,
        },
        {
            name: 'keeps a newer list than a late response',
            state: withList([a, b, c], 7),
            actions: [listLoaded(listId, [a], 6)],
            todos: ['a', 'b', 'c'], version: 7, stale: false,
        },
        {
            name: 'replaces a stale list with any response',
            state: withList([a, b, c], 7, true),
            actions: [listLoaded(listId, [a], 6)],
            todos: ['a'], version: 6, stale: false,
        },
        {
            name: 'applies the next version of a change',
            state: withList(),
            actions: [todoChanged(changeEvent({...b, text: 'b2'}, 6))],
            todos: ['a', 'b2'], version: 6, stale: false,
        },
        {
            name: 'adds a todo in its place',
            state: withList([a, c]),
            actions: [todoChanged(changeEvent(b, 6, 'added'))],
            todos: ['a', 'b', 'c'], version: 6, stale: false,
        },
        {
            name: 'removes a deleted todo',
            state: withList(),
            actions: [todoChanged(changeEvent(a, 6, 'deleted'))],
            todos: ['b'], version: 6, stale: false,
        },
        {
            name: 'reorders a moved todo',
            state: withList(),
            actions: [todoChanged(changeEvent({...b, position: 500}, 6, 'moved'))],
            todos: ['b', 'a'], version: 6, stale: false,
        },
        {
            name: 'drops an event it has already seen',
            state: withList(),
            actions: [todoChanged(changeEvent({...a, text: 'old'}, 5))],
            todos: ['a', 'b'], version: 5, stale: false,
        },
        {
            name: 'drops an older event',
            state: withList(),
            actions: [todoChanged(changeEvent({...a, text: 'older'}, 3))],
            todos: ['a', 'b'], version: 5, stale: false,
        },
        {
            name: 'marks the list stale when versions skip',
            state: withList(),
            actions: [todoChanged(changeEvent(c, 7, 'added'))],
            todos: ['a', 'b'], version: 5, stale: true,
        },
        {
            name: 'marks the list stale when the event has no todo',
            state: withList(),
            actions: [todoChanged({...changeEvent(a, 6), todo: undefined})],
            todos: ['a', 'b'], version: 5, stale: true,
        },
        {
            name: 'applies its own saved todo without moving the version',
            state: withList(),
            actions: [todoSaved({...a, state: 'done'})],
            todos: ['a', 'b'], version: 5, stale: false,
        },
        {
            name: 'takes out its own deleted todo',
            state: withList(),
            actions: [todoRemoved(a)],
            todos: ['b'], version: 5, stale: false,
        },
        {
            name: 'marks lists stale on reconnect',
            state: withList(),
            actions: [reconnected()],
            todos: ['a', 'b'], version: 5, stale: true,
        },
    ])('$name', ({state, actions, todos, version, stale}) => {
        const before = JSON.stringify(state);
        const after = run(state, ...actions);
        expect(after.lists[listId].todos.map((t) => t.text)).toEqual(todos);
        expect(after.lists[listId].version).toBe(version);
        expect(after.lists[listId].stale).toBe(stale);
        expect(JSON.stringify(state)).toBe(before);
    });

    it('counts every announced change, shown or not', () => {
        const other = makeTodo({scope: {kind: 'channel', channel_id: 'c9'}});
        const after = run(withList(), todoChanged(changeEvent(other, 1, 'added')), todoChanged(changeEvent(a, 6)));
        expect(after.changes).toBe(2);
        expect(after.lists[other.list_id]).toBeUndefined();
    });

    it('counts announced tool changes per list, apart from the built-in lists', () => {
        const after = run(withList(),
            toolChanged({list_id: 'c_c1', channel_id: 'c1', user_id: '', verb: 'add'}),
            toolChanged({list_id: 'u_me', channel_id: '', user_id: 'me', verb: 'done'}),
            toolChanged({list_id: 'c_c1', channel_id: 'c1', user_id: '', verb: 'delete'}));
        expect(after.toolChanges).toEqual({c_c1: 2, u_me: 1});
        expect(after.changes).toBe(0);
        expect(after.lists).toEqual(withList().lists);
    });

    it('puts an announced reply count on the todo\'s row and remembers it for the other views, without a version', () => {
        const other = makeTodo({scope: {kind: 'channel', channel_id: 'c9'}});
        const event = (todo: typeof a, count: number) => repliesChanged({list_id: todo.list_id, channel_id: 'c1', user_id: '', todo_id: todo.id, reply_count: count});
        const after = run(withList(), event(b, 2), event(other, 4), event(b, 3));
        expect(after.lists[listId]).toEqual({todos: [a, {...b, reply_count: 3}], version: 5, stale: false});
        expect(after.replies).toEqual({[b.id]: 3, [other.id]: 4});
        expect(after.changes).toBe(0);

        // A later change of the todo keeps the count; a reconnect forgets what was announced.
        const changed = run(after, todoChanged(changeEvent({...b, text: 'b2'}, 6)));
        expect(changed.lists[listId].todos[1]).toMatchObject({text: 'b2', reply_count: 3});
        expect(run(after, reconnected()).replies).toEqual({});
    });

    it('ignores saves for lists it does not show', () => {
        const other = makeTodo({scope: {kind: 'channel', channel_id: 'c9'}});
        expect(reducer(initialState, todoSaved(other))).toBe(initialState);
    });

    it('keeps the latest notice and counts reconnects', () => {
        const after = run(initialState, notice({id: 'one'}), notice({id: 'two', values: {number: 2}}), reconnected(), reconnected());
        expect(after.notice).toEqual({id: 'two', values: {number: 2}});
        expect(after.reconnects).toBe(2);
    });

    it('ignores the host\'s actions and keeps the same state object', () => {
        const state = withList();
        expect(reducer(state, {type: 'RECEIVED_POSTS'})).toBe(state);
    });

    it('starts empty', () => {
        expect(reducer(undefined, {type: '@@INIT'})).toEqual(initialState);
    });
});
