// The plugin's slice of the host store (state['plugins-channel-todo']). It keeps
// only what the server said and when, never copies of lists or callbacks: a sidebar
// popped out into another window starts with a fresh store and must rebuild
// everything from the server.
import type {UnknownAction} from 'redux';

import {ActionTypes} from './actions';
import type {PluginAction} from './actions';

export type PluginState = {

    /** Newest version the server announced for each list id. */
    listVersions: Record<string, number>;

    /** How many times the WebSocket reconnected; views refetch when it moves. */
    reconnects: number;
};

export const initialState: PluginState = {
    listVersions: {},
    reconnects: 0,
};

function isPluginAction(action: UnknownAction): action is PluginAction & UnknownAction {
    return action.type === ActionTypes.LIST_CHANGED || action.type === ActionTypes.RECONNECTED;
}

export default function reducer(state: PluginState = initialState, action: UnknownAction): PluginState {
    if (!isPluginAction(action)) {
        return state;
    }
    switch (action.type) {
    case ActionTypes.LIST_CHANGED: {
        const known = state.listVersions[action.listId];

        // Events can arrive out of order; an older version than one already seen is stale.
        if (known !== undefined && known >= action.version) {
            return state;
        }
        return {...state, listVersions: {...state.listVersions, [action.listId]: action.version}};
    }
    case ActionTypes.RECONNECTED:
        return {...state, reconnects: state.reconnects + 1};
    }
    return state;
}
