// Redux actions of the plugin's own slice of the host store. The type strings are
// prefixed with the plugin id so they cannot collide with the host's or other plugins'.
import type {UnknownAction} from 'redux';

import type {Post} from '@mattermost/types/posts';

import type {TodoClient} from './client';
import {errorText} from './error_text';
import type {RepliesChangedEvent, Todo, TodoChangedEvent, ToolChangedEvent} from './types/todo';

export const ActionTypes = {
    LIST_LOADED: 'channel-todo/list_loaded',
    PAGE_LOADED: 'channel-todo/page_loaded',
    TODO_CHANGED: 'channel-todo/todo_changed',
    TODO_SAVED: 'channel-todo/todo_saved',
    TODO_REMOVED: 'channel-todo/todo_removed',
    RECONNECTED: 'channel-todo/reconnected',
    NOTICE: 'channel-todo/notice',
    VIEW_CHOSEN: 'channel-todo/view_chosen',
    TOOL_CHANGED: 'channel-todo/tool_changed',
    REPLIES_CHANGED: 'channel-todo/replies_changed',
} as const;

/** The sidebar's views: the current channel's list, or mine across channels. */
export type SidebarView = 'channel' | 'mine';

/** The person chose a view (or a popped-out sidebar took over its opener's). */
export type ViewChosenAction = {
    type: typeof ActionTypes.VIEW_CHOSEN;
    view: SidebarView;
};

/** A list's first page as the server returned it, at `version`; `nextCursor` when more follow. */
export type ListLoadedAction = {
    type: typeof ActionTypes.LIST_LOADED;
    listId: string;
    todos: Todo[];
    version: number;
    nextCursor?: string;
};

/** The page read from `cursor`, appended to what is shown. */
export type PageLoadedAction = {
    type: typeof ActionTypes.PAGE_LOADED;
    listId: string;
    cursor: string;
    todos: Todo[];
    nextCursor?: string;
};

/** The server announced a change on the WebSocket. */
export type TodoChangedAction = {
    type: typeof ActionTypes.TODO_CHANGED;
    event: TodoChangedEvent;
};

/** The server announced that a command changed a list the command-line tool keeps. */
export type ToolChangedAction = {
    type: typeof ActionTypes.TOOL_CHANGED;
    event: ToolChangedEvent;
};

/** The server announced a todo thread's new reply count on the WebSocket. */
export type RepliesChangedAction = {
    type: typeof ActionTypes.REPLIES_CHANGED;
    event: RepliesChangedEvent;
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

/** A message (id and values) for the sidebar to show, from places without a UI of their own. */
export type Notice = {
    id: string;
    values?: Record<string, string | number>;
};

export type NoticeAction = {
    type: typeof ActionTypes.NOTICE;
    notice: Notice | null;
};

export type PluginAction = ListLoadedAction | PageLoadedAction | TodoChangedAction | TodoSavedAction | TodoRemovedAction | ReconnectedAction | NoticeAction | ViewChosenAction | ToolChangedAction | RepliesChangedAction;

export function listLoaded(listId: string, todos: Todo[], version: number, nextCursor?: string): ListLoadedAction {
    return {type: ActionTypes.LIST_LOADED, listId, todos, version, nextCursor};
}

export function pageLoaded(listId: string, cursor: string, todos: Todo[], nextCursor?: string): PageLoadedAction {
    return {type: ActionTypes.PAGE_LOADED, listId, cursor, todos, nextCursor};
}

export function todoChanged(event: TodoChangedEvent): TodoChangedAction {
    return {type: ActionTypes.TODO_CHANGED, event};
}

export function toolChanged(event: ToolChangedEvent): ToolChangedAction {
    return {type: ActionTypes.TOOL_CHANGED, event};
}

export function repliesChanged(event: RepliesChangedEvent): RepliesChangedAction {
    return {type: ActionTypes.REPLIES_CHANGED, event};
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

export function notice(value: Notice | null): NoticeAction {
    return {type: ActionTypes.NOTICE, notice: value};
}

export function viewChosen(view: SidebarView): ViewChosenAction {
    return {type: ActionTypes.VIEW_CHOSEN, view};
}

type HostDispatch = (action: PluginAction | UnknownAction) => unknown;

/**
 * The message menu's "Add to channel todo" / "Add to my todos": a todo from the
 * post's text, linked to the post and its thread. The outcome shows in the sidebar; a refusal
 * reads as the sidebar's own do, in the user's language (locale).
 */
export function addTodoFromPost(client: TodoClient, post: Post, personal: boolean, locale: string) {
    return async (dispatch: HostDispatch): Promise<void> => {
        const input = {text: post.message, post_id: post.id, root_id: post.root_id || post.id};
        try {
            const todo = personal ? await client.addMyTodo(input) : await client.addChannelTodo(post.channel_id, input);
            dispatch(todoSaved(todo));
            dispatch(notice({id: personal ? 'channel_todo.notice.added_mine' : 'channel_todo.notice.added_channel', values: {number: todo.number}}));
        } catch (err) {
            dispatch(notice({id: 'channel_todo.notice.add_failed', values: {error: errorText(err, locale)}}));
        }
    };
}

/** Whether a post can become a todo: a user's message with text. */
export function canAddFromPost(post: Post | undefined): post is Post {
    return Boolean(post && post.message.trim() && !post.type.startsWith('system_'));
}
