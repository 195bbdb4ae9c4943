import type {Channel} from '@mattermost/types/channels';
import type {GlobalState} from '@mattermost/types/store';

import {pluginId} from './manifest';
import {initialState} from './reducer';
import type {PluginState} from './reducer';

/** Where the host keeps the reducer registered through registerReducer. */
export const pluginStateKey = `plugins-${pluginId}`;

/** The host's state with this plugin's slice, once its reducer is registered. */
export type State = GlobalState & Partial<Record<string, unknown>>;

export function getPluginState(state: State): PluginState {
    return (state[pluginStateKey] as PluginState | undefined) ?? initialState;
}

export function getListVersion(state: State, listId: string): number | undefined {
    return getPluginState(state).listVersions[listId];
}

export function getReconnectCount(state: State): number {
    return getPluginState(state).reconnects;
}

export function getCurrentChannel(state: GlobalState): Channel | undefined {
    const {currentChannelId, channels} = state.entities.channels;
    return currentChannelId ? channels[currentChannelId] : undefined;
}
