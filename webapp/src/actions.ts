// Redux actions of the plugin's own slice of the host store. The type strings are
// prefixed with the plugin id so they cannot collide with the host's or other plugins'.
import type {Todo, TodoChangedEvent} from './types/todo';

export const ActionTypes = {
    LIST_LOADED: 'channel-todo/list_loaded',
    TODO_CHANGED: 'channel-todo/todo_changed',
    TODO_SAVED: 'channel-todo/todo_saved',
    TODO_REMOVED: 'channel-todo/todo_removed',
    RECONNECTED: 'channel-todo/reconnected',
    NOTICE: 'channel-todo/notice',
} as const;

/** A list as the server returned it, at `version`. */
export type ListLoadedAction = {
    type: typeof ActionTypes.LIST_LOADED;
    listId: string;
    todos: Todo[];
    version: number;
};

/** The server announced a change on the WebSocket. */
export type TodoChangedAction = {
    type: typeof ActionTypes.TODO_CHANGED;
    event: TodoChangedEvent;
};

/** A todo as the server answered one of our own requests (or as we expect it to). */
export type TodoSavedAction = {
    type: typeof ActionTypes.TODO_SAVED;
    todo: Todo;
};

/** A todo left its list (deleted), by our own request. */
export type TodoRemovedAction = {
    type: typeof ActionTypes.TODO_REMOVED;
    todo: Todo;
};

/** The host's WebSocket came back after a drop: events may have been missed. */
export type ReconnectedAction = {
    type: typeof ActionTypes.RECONNECTED;
};

/** A message for the sidebar to show, from places that have no UI of their own. */
export type NoticeAction = {
    type: typeof ActionTypes.NOTICE;
    notice: string;
};

export type PluginAction = ListLoadedAction | TodoChangedAction | TodoSavedAction | TodoRemovedAction | ReconnectedAction | NoticeAction;

export function listLoaded(listId: string, todos: Todo[], version: number): ListLoadedAction {
    return {type: ActionTypes.LIST_LOADED, listId, todos, version};
}

export function todoChanged(event: TodoChangedEvent): TodoChangedAction {
    return {type: ActionTypes.TODO_CHANGED, event};
}

export function todoSaved(todo: Todo): TodoSavedAction {
    return {type: ActionTypes.TODO_SAVED, todo};
}

export function todoRemoved(todo: Todo): TodoRemovedAction {
    return {type: ActionTypes.TODO_REMOVED, todo};
}

export function reconnected(): ReconnectedAction {
    return {type: ActionTypes.RECONNECTED};
}

export function notice(text: string): NoticeAction {
    return {type: ActionTypes.NOTICE, notice: text};
}
