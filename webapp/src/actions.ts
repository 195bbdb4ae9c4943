// Redux actions of the plugin's own slice of the host store. The type strings are
// prefixed with the plugin id so they cannot collide with the host's or other plugins'.

export const ActionTypes = {
    LIST_CHANGED: 'channel-todo/list_changed',
    RECONNECTED: 'channel-todo/reconnected',
} as const;

/** The server changed a list; `version` is the list's version after the change. */
export type ListChangedAction = {
    type: typeof ActionTypes.LIST_CHANGED;
    listId: string;
    version: number;
};

/** The host's WebSocket came back after a drop: events may have been missed. */
export type ReconnectedAction = {
    type: typeof ActionTypes.RECONNECTED;
};

export type PluginAction = ListChangedAction | ReconnectedAction;

export function listChanged(listId: string, version: number): ListChangedAction {
    return {type: ActionTypes.LIST_CHANGED, listId, version};
}

export function reconnected(): ReconnectedAction {
    return {type: ActionTypes.RECONNECTED};
}
