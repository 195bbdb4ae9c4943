import {ActionTypes} from './actions';
import type {WebSocketMessage} from './types/registry';
import {TODO_CHANGED_EVENT, handleReconnect, handleTodoChanged, parseTodoChanged} from './websocket';

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

    it.each([
        {name: 'a list change', data: {list_id: 'l1', version: 2}, want: {list_id: 'l1', version: 2}},
        {name: 'extra fields', data: {list_id: 'l1', version: 0, channel_id: 'c1'}, want: {list_id: 'l1', version: 0}},
        {name: 'no list id', data: {version: 2}, want: null},
        {name: 'an empty list id', data: {list_id: '', version: 2}, want: null},
        {name: 'a version as text', data: {list_id: 'l1', version: '2'}, want: null},
        {name: 'a version that is not finite', data: {list_id: 'l1', version: Number.NaN}, want: null},
        {name: 'no payload', data: null, want: null},
    ])('parses $name', ({data, want}) => {
        expect(parseTodoChanged(data)).toEqual(want);
    });

    it('dispatches valid changes only', () => {
        const dispatch = jest.fn();
        const handler = handleTodoChanged({dispatch});
        handler(message({list_id: 'l1', version: 5}));
        handler(message({list_id: 5}));

        expect(dispatch).toHaveBeenCalledTimes(1);
        expect(dispatch).toHaveBeenCalledWith({type: ActionTypes.LIST_CHANGED, listId: 'l1', version: 5});
    });

    it('dispatches a reconnect', () => {
        const dispatch = jest.fn();
        handleReconnect({dispatch})();
        expect(dispatch).toHaveBeenCalledWith({type: ActionTypes.RECONNECTED});
    });
});
