import {ActionTypes} from './actions';
import {makeTodo} from './test/fixtures';
import type {WebSocketMessage} from './types/registry';
import {REPLIES_CHANGED_EVENT, TODO_CHANGED_EVENT, TOOL_CHANGED_EVENT, handleReconnect, handleRepliesChanged, handleTodoChanged, handleToolChanged, parseRepliesChanged, parseToolChanged, parseTodoChanged} from './websocket';

const todo = makeTodo({scope: {kind: 'channel', channel_id: 'c1'}});
const base = {action: 'updated', list_id: todo.list_id, channel_id: 'c1', user_id: '', version: 4, todo_id: todo.id, todo: JSON.stringify(todo)};

function message(data: Record<string, unknown>): WebSocketMessage {
    return {
        event: TODO_CHANGED_EVENT,
        data,
        broadcast: {omit_users: null, user_id: '', channel_id: 'c1', team_id: ''},
        seq: 1,
    };
}

describe('websocket', () => {
    it('listens to the plugin\'s own event name', () => {
        expect(TODO_CHANGED_EVENT).toBe('custom_channel-todo_todo_changed');
    });

    it('decodes a change with its JSON-encoded todo', () => {
        expect(parseTodoChanged(base)).toEqual({...base, todo});
    });

    it.each([
        {name: 'no list id', data: {...base, list_id: ''}},
        {name: 'no todo id', data: {...base, todo_id: undefined}},
        {name: 'an unknown action', data: {...base, action: 'exploded'}},
        {name: 'a version as text', data: {...base, version: '4'}},
        {name: 'a version that is not finite', data: {...base, version: Number.POSITIVE_INFINITY}},
        {name: 'no payload', data: null},
    ])('rejects $name', ({data}) => {
        expect(parseTodoChanged(data)).toBeNull();
    });

    it.each([
        {name: 'missing', raw: undefined},
        {name: 'not JSON', raw: '{oops'},
        {name: 'another todo', raw: JSON.stringify({...todo, id: 'other'})},
        {name: 'another list', raw: JSON.stringify({...todo, list_id: 'c_other'})},
    ])('keeps the change but not a todo that is $name', ({raw}) => {
        const event = parseTodoChanged({...base, todo: raw});
        expect(event).not.toBeNull();
        expect(event?.todo).toBeUndefined();
    });

    it('dispatches valid changes only', () => {
        const dispatch = jest.fn();
        const handler = handleTodoChanged({dispatch});
        handler(message(base));
        handler(message({list_id: 5}));

        expect(dispatch).toHaveBeenCalledTimes(1);
        expect(dispatch.mock.calls[0][0]).toMatchObject({type: ActionTypes.TODO_CHANGED, event: {list_id: todo.list_id, version: 4, todo}});
    });

    it('dispatches a reconnect', () => {
        const dispatch = jest.fn();
        handleReconnect({dispatch})();
        expect(dispatch).toHaveBeenCalledWith({type: ActionTypes.RECONNECTED});
    });

    describe('tool_changed', () => {
        const tool = {list_id: 'c_c1', channel_id: 'c1', verb: 'add'};

        it('listens to the plugin\'s own event name', () => {
            expect(TOOL_CHANGED_EVENT).toBe('custom_channel-todo_tool_changed');
        });

        it.each([
            {name: 'a channel list', data: tool, want: {...tool, user_id: ''}},
            {name: 'a personal list', data: {list_id: 'u_me', user_id: 'me', verb: 'delete'}, want: {list_id: 'u_me', channel_id: '', user_id: 'me', verb: 'delete'}},
        ])('decodes a change to $name', ({data, want}) => {
            expect(parseToolChanged(data)).toEqual(want);
        });

        it.each([
            {name: 'no list id', data: {...tool, list_id: ''}},
            {name: 'a listing, which changes nothing', data: {...tool, verb: 'list'}},
            {name: 'an unknown verb', data: {...tool, verb: 'explode'}},
            {name: 'no payload', data: null},
        ])('rejects $name', ({data}) => {
            expect(parseToolChanged(data)).toBeNull();
        });

        it('dispatches valid changes only', () => {
            const dispatch = jest.fn();
            const handler = handleToolChanged({dispatch});
            handler({...message(tool), event: TOOL_CHANGED_EVENT});
            handler({...message({verb: 'add'}), event: TOOL_CHANGED_EVENT});

            expect(dispatch).toHaveBeenCalledTimes(1);
            expect(dispatch).toHaveBeenCalledWith({type: ActionTypes.TOOL_CHANGED, event: {...tool, user_id: ''}});
        });
    });

    describe('replies_changed', () => {
        const replies = {list_id: 'c_c1', channel_id: 'c1', user_id: '', todo_id: 't1', reply_count: 2};

        it('listens to the plugin\'s own event name', () => {
            expect(REPLIES_CHANGED_EVENT).toBe('custom_channel-todo_replies_changed');
        });

        it('decodes a count, 0 included', () => {
            expect(parseRepliesChanged(replies)).toEqual(replies);
            expect(parseRepliesChanged({...replies, reply_count: 0})).toEqual({...replies, reply_count: 0});
        });

        it.each([
            {name: 'no list id', data: {...replies, list_id: ''}},
            {name: 'no todo id', data: {...replies, todo_id: undefined}},
            {name: 'a count as text', data: {...replies, reply_count: '2'}},
            {name: 'a negative count', data: {...replies, reply_count: -1}},
            {name: 'a fractional count', data: {...replies, reply_count: 1.5}},
            {name: 'no payload', data: null},
        ])('rejects $name', ({data}) => {
            expect(parseRepliesChanged(data)).toBeNull();
        });

        it('dispatches valid counts only', () => {
            const dispatch = jest.fn();
            const handler = handleRepliesChanged({dispatch});
            handler({...message(replies), event: REPLIES_CHANGED_EVENT});
            handler({...message({todo_id: 't1'}), event: REPLIES_CHANGED_EVENT});
            expect(dispatch).toHaveBeenCalledTimes(1);
            expect(dispatch).toHaveBeenCalledWith({type: ActionTypes.REPLIES_CHANGED, event: replies});
        });
    });
});
