// Handlers for the server's WebSocket events. The host calls them with the raw
// message; they validate it and turn it into plugin actions.
import type {Dispatch} from 'redux';

import {reconnected, repliesChanged, todoChanged, toolChanged} from './actions';
import client from './client';
import {pluginId} from './manifest';
import type {WebSocketMessage} from './types/registry';
import type {RepliesChangedEvent, Todo, TodoAction, TodoChangedEvent, ToolChangedEvent, ToolVerb} from './types/todo';

/** The event the server publishes whenever a todo list changes. */
export const TODO_CHANGED_EVENT = `custom_${pluginId}_todo_changed`;

/** The event the server publishes when a command changed a list the command-line tool keeps. */
export const TOOL_CHANGED_EVENT = `custom_${pluginId}_tool_changed`;

/** The event the server publishes when a reply was posted in, or deleted from, a todo's thread. */
export const REPLIES_CHANGED_EVENT = `custom_${pluginId}_replies_changed`;

const actions = new Set<TodoAction>(['added', 'updated', 'completed', 'reopened', 'deleted', 'restored', 'moved']);

function str(value: unknown): string {
    return typeof value === 'string' ? value : '';
}

// The todo arrives JSON-encoded in a string; one that does not decode to a todo of
// the same list is left out, and the list is then refetched instead.
function parseTodo(raw: unknown, listId: string, todoId: string): Todo | undefined {
    if (typeof raw !== 'string' || raw === '') {
        return undefined;
    }
    try {
        const todo = JSON.parse(raw) as Todo;
        if (todo && typeof todo === 'object' && todo.id === todoId && todo.list_id === listId && typeof todo.position === 'number') {
            return todo;
        }
    } catch {
        // fall through
    }
    return undefined;
}

/** The event's data, or null when it is not a todo change this client understands. */
export function parseTodoChanged(data: unknown): TodoChangedEvent | null {
    if (typeof data !== 'object' || data === null) {
        return null;
    }
    const d = data as Record<string, unknown>;
    const listId = str(d.list_id);
    const todoId = str(d.todo_id);
    const action = str(d.action) as TodoAction;
    const version = d.version;
    if (!listId || !todoId || !actions.has(action) || typeof version !== 'number' || !Number.isFinite(version)) {
        return null;
    }
    return {
        action,
        list_id: listId,
        channel_id: str(d.channel_id),
        user_id: str(d.user_id),
        version,
        todo_id: todoId,
        todo: parseTodo(d.todo, listId, todoId),
    };
}

type HasDispatch = {dispatch: Dispatch};

export function handleTodoChanged(store: HasDispatch) {
    return (msg: WebSocketMessage): void => {
        const event = parseTodoChanged(msg.data);
        if (event) {
            // A first page read ahead may predate the change.
            client.dropReadAhead();
            store.dispatch(todoChanged(event));
        }
    };
}

const toolVerbs = new Set<ToolVerb>(['add', 'done', 'delete']);

/** The event's data, or null when it is not a tool change this client understands. */
export function parseToolChanged(data: unknown): ToolChangedEvent | null {
    if (typeof data !== 'object' || data === null) {
        return null;
    }
    const d = data as Record<string, unknown>;
    const listId = str(d.list_id);
    const verb = str(d.verb) as ToolVerb;
    if (!listId || !toolVerbs.has(verb)) {
        return null;
    }
    return {list_id: listId, channel_id: str(d.channel_id), user_id: str(d.user_id), verb};
}

export function handleToolChanged(store: HasDispatch) {
    return (msg: WebSocketMessage): void => {
        const event = parseToolChanged(msg.data);
        if (event) {
            store.dispatch(toolChanged(event));
        }
    };
}

/** The event's data, or null when it is not a reply count this client understands. */
export function parseRepliesChanged(data: unknown): RepliesChangedEvent | null {
    if (typeof data !== 'object' || data === null) {
        return null;
    }
    const d = data as Record<string, unknown>;
    const listId = str(d.list_id);
    const todoId = str(d.todo_id);
    const count = d.reply_count;
    if (!listId || !todoId || typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
        return null;
    }
    return {list_id: listId, channel_id: str(d.channel_id), user_id: str(d.user_id), todo_id: todoId, reply_count: count};
}

export function handleRepliesChanged(store: HasDispatch) {
    return (msg: WebSocketMessage): void => {
        const event = parseRepliesChanged(msg.data);
        if (event) {
            store.dispatch(repliesChanged(event));
        }
    };
}

export function handleReconnect(store: HasDispatch) {
    return (): void => {
        client.dropReadAhead();
        store.dispatch(reconnected());
    };
}
