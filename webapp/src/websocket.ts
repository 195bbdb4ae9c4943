// Handlers for the server's WebSocket events. The host calls them with the raw
// message; they validate it and turn it into plugin actions.
import type {Dispatch} from 'redux';

import {listChanged, reconnected} from './actions';
import {pluginId} from './manifest';
import type {WebSocketMessage} from './types/registry';

/** The event the server publishes whenever a todo list changes. */
export const TODO_CHANGED_EVENT = `custom_${pluginId}_todo_changed`;

/** Payload of TODO_CHANGED_EVENT. */
export type TodoChangedData = {
    list_id: string;
    version: number;
};

export function parseTodoChanged(data: unknown): TodoChangedData | null {
    if (typeof data !== 'object' || data === null) {
        return null;
    }
    const {list_id: listId, version} = data as Record<string, unknown>;
    if (typeof listId !== 'string' || listId === '' || typeof version !== 'number' || !Number.isFinite(version)) {
        return null;
    }
    return {list_id: listId, version};
}

type HasDispatch = {dispatch: Dispatch};

export function handleTodoChanged(store: HasDispatch) {
    return (msg: WebSocketMessage): void => {
        const data = parseTodoChanged(msg.data);
        if (data) {
            store.dispatch(listChanged(data.list_id, data.version));
        }
    };
}

export function handleReconnect(store: HasDispatch) {
    return (): void => {
        store.dispatch(reconnected());
    };
}
