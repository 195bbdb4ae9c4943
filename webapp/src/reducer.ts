// The plugin's slice of the host store (state['plugins-channel-todo']): the lists
// the sidebar shows, as the server last described them, at a known version. It
// holds only data from the server, never callbacks: a sidebar popped out into
// another window starts with a fresh store and rebuilds everything from the server.
import type {UnknownAction} from 'redux';

import {ActionTypes} from './actions';
import type {Notice, PluginAction, SidebarView} from './actions';
import type {Todo} from './types/todo';

export type ListState = {
    todos: Todo[];

    /** The server's version of the list that `todos` reflects. */
    version: number;

    /** Events were missed (a gap in versions, a reconnect): fetch the list again. */
    stale: boolean;

    /**
     * The cursor of the next page while the list is read page by page as the user scrolls;
     * absent once the end was read. Until then a todo placed after the last one read (by
     * an event) is left for its page, so the shown part is always the list's head in order.
     */
    nextCursor?: string;
}

export type PluginState = {
    lists: Record<string, ListState>;

    /** Counts every todo change announced, for views that span lists (Mine). */
    changes: number;

    /** How many times the WebSocket reconnected; views refetch when it moves. */
    reconnects: number;

    /**
     * Changes announced per list the command-line tool keeps (by list id). The tool's
     * lists have no versions to patch from, so an open view reads its list again when
     * its count moves.
     */
    toolChanges: Record<string, number>;

    /**
     * The reply counts of todos' threads announced since the lists were read (by todo id),
     * for the views that keep their own todos (Mine, sorted views, search) as for the lists.
     * Cleared on reconnect, when announcements may have been missed and views read again.
     */
    replies: Record<string, number>;

    /** Latest message for the sidebar from outside it (e.g. the message menu). */
    notice: Notice | null;

    /** Which view the sidebar shows; kept here so a popped-out sidebar can open on it. */
    view: SidebarView;
};

export const initialState: PluginState = {
    lists: {},
    changes: 0,
    reconnects: 0,
    toolChanges: {},
    replies: {},
    notice: null,
    view: 'channel',
};

const actionTypes = new Set<string>(Object.values(ActionTypes));

function isPluginAction(action: UnknownAction): action is PluginAction & UnknownAction {
    return actionTypes.has(action.type);
}

function byPosition(a: Todo, b: Todo): number {
    return a.position - b.position;
}

/** A list as a first page loads it (the reducer's LIST_LOADED), in its order. */
export function loadedList(todos: Todo[], version: number, nextCursor?: string): ListState {
    return {todos: [...todos].sort(byPosition), version, stale: false, nextCursor};
}

function upsert(list: ListState, incoming: Todo): Todo[] {
    // Events carry no reply count (list pages read it); keep the one the page gave.
    const known = list.todos.find((t) => t.id === incoming.id)?.reply_count;
    const todo = incoming.reply_count === undefined && known !== undefined ? {...incoming, reply_count: known} : incoming;
    const rest = list.todos.filter((t) => t.id !== todo.id);
    const horizon = list.todos.at(-1)?.position;
    if (list.nextCursor !== undefined && horizon !== undefined && todo.position > horizon) {
        return rest;
    }
    return [...rest, todo].sort(byPosition);
}

function withList(state: PluginState, listId: string, list: ListState): PluginState {
    return {...state, lists: {...state.lists, [listId]: list}};
}

export default function reducer(state: PluginState = initialState, action: UnknownAction): PluginState {
    if (!isPluginAction(action)) {
        return state;
    }
    switch (action.type) {
    case ActionTypes.LIST_LOADED: {
        const known = state.lists[action.listId];

        // A response read before a change we already applied from an event is older
        // than what we show; keep ours.
        if (known && !known.stale && known.version > action.version) {
            return state;
        }
        return withList(state, action.listId, loadedList(action.todos, action.version, action.nextCursor));
    }
    case ActionTypes.PAGE_LOADED: {
        const list = state.lists[action.listId];
        if (!list || list.nextCursor !== action.cursor) {
            // Read for a list since reloaded, or a page already appended.
            return state;
        }
        const known = new Set(list.todos.map((t) => t.id));
        const todos = [...list.todos, ...action.todos.filter((t) => !known.has(t.id))].sort(byPosition);
        return withList(state, action.listId, {...list, todos, nextCursor: action.nextCursor});
    }
    case ActionTypes.TODO_CHANGED: {
        const {event} = action;
        const changed = {...state, changes: state.changes + 1};
        const list = state.lists[event.list_id];
        if (!list || event.version <= list.version) {
            // Not shown, or stale (already seen or older): nothing to apply.
            return changed;
        }
        if (event.version !== list.version + 1 || !event.todo) {
            return withList(changed, event.list_id, {...list, stale: true});
        }
        const todos = event.action === 'deleted' ? list.todos.filter((t) => t.id !== event.todo_id) : upsert(list, event.todo);
        return withList(changed, event.list_id, {...list, todos, version: event.version});
    }
    case ActionTypes.TODO_SAVED: {
        const list = state.lists[action.todo.list_id];
        if (!list) {
            return state;
        }
        return withList(state, action.todo.list_id, {...list, todos: upsert(list, action.todo)});
    }
    case ActionTypes.TODO_REMOVED: {
        const list = state.lists[action.todo.list_id];
        if (!list) {
            return state;
        }
        return withList(state, action.todo.list_id, {...list, todos: list.todos.filter((t) => t.id !== action.todo.id)});
    }
    case ActionTypes.RECONNECTED: {
        const lists = Object.fromEntries(Object.entries(state.lists).map(([id, list]) => [id, {...list, stale: true}]));
        return {...state, lists, reconnects: state.reconnects + 1, replies: {}};
    }
    case ActionTypes.TOOL_CHANGED: {
        const listId = action.event.list_id;
        const toolChanges = state.toolChanges ?? {};
        return {...state, toolChanges: {...toolChanges, [listId]: (toolChanges[listId] ?? 0) + 1}};
    }
    case ActionTypes.REPLIES_CHANGED: {
        // No list changed (no version moves): only the count on the todo's row.
        const {event} = action;
        const changed = {...state, replies: {...(state.replies ?? {}), [event.todo_id]: event.reply_count}};
        const list = state.lists[event.list_id];
        if (!list || !list.todos.some((t) => t.id === event.todo_id)) {
            return changed;
        }
        const todos = list.todos.map((t) => (t.id === event.todo_id ? {...t, reply_count: event.reply_count} : t));
        return withList(changed, event.list_id, {...list, todos});
    }
    case ActionTypes.NOTICE:
        return {...state, notice: action.notice};
    case ActionTypes.VIEW_CHOSEN:
        return action.view === 'channel' || action.view === 'mine' ? {...state, view: action.view} : state;
    }
    return state;
}
