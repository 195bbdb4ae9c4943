import type {Channel} from '@mattermost/types/channels';
import type {Post} from '@mattermost/types/posts';
import type {GlobalState} from '@mattermost/types/store';

import type {Notice, SidebarView} from './actions';
import {pluginId} from './manifest';
import {initialState} from './reducer';
import type {ListState, PluginState} from './reducer';

/** Where the host keeps the reducer registered through registerReducer. */
export const pluginStateKey = `plugins-${pluginId}`;

/** The host's state with this plugin's slice, once its reducer is registered. */
export type State = GlobalState & Partial<Record<string, unknown>>;

export function getPluginState(state: State): PluginState {
    return (state[pluginStateKey] as PluginState | undefined) ?? initialState;
}

export function getList(state: State, listId: string): ListState | undefined {
    return getPluginState(state).lists[listId];
}

export function getChangeCount(state: State): number {
    return getPluginState(state).changes;
}

export function getReconnectCount(state: State): number {
    return getPluginState(state).reconnects;
}

/** How many changes were announced for a list the command-line tool keeps. */
export function getToolChangeCount(state: State, listId: string): number {
    return getPluginState(state).toolChanges?.[listId] ?? 0;
}

export function getNotice(state: State): Notice | null {
    return getPluginState(state).notice;
}

export function getView(state: State): SidebarView {
    return getPluginState(state).view ?? 'channel';
}

export function getCurrentChannel(state: GlobalState): Channel | undefined {
    const {currentChannelId, channels} = state.entities.channels;
    return currentChannelId ? channels[currentChannelId] : undefined;
}

export function getChannel(state: GlobalState, channelId: string): Channel | undefined {
    return state.entities.channels.channels[channelId];
}

export function getCurrentUserId(state: GlobalState): string {
    return state.entities.users.currentUserId;
}

export function getPost(state: GlobalState, postId: string): Post | undefined {
    return state.entities.posts.posts[postId];
}
