// The host's Redux store: the slice of Mattermost's state shape that plugins read
// (entities.users/teams/channels/posts/general, views.rhs), plus whatever reducers
// plugins register, mounted under `plugins-<id>` as the web client does.
import {applyMiddleware, combineReducers, legacy_createStore as createStore} from 'redux';
import type {Middleware, Reducer, Store, UnknownAction} from 'redux';

import type {Channel} from '@mattermost/types/channels';
import type {ClientConfig} from '@mattermost/types/config';
import type {Post} from '@mattermost/types/posts';
import type {Team} from '@mattermost/types/teams';
import type {UserProfile} from '@mattermost/types/users';

export const HostActions = {
    RECEIVED_SESSION: 'HOST_RECEIVED_SESSION',
    SELECT_CHANNEL: 'HOST_SELECT_CHANNEL',
    RECEIVED_CHANNEL: 'HOST_RECEIVED_CHANNEL',
    RECEIVED_PROFILES: 'HOST_RECEIVED_PROFILES',
    RECEIVED_POSTS: 'HOST_RECEIVED_POSTS',
    POST_DELETED: 'HOST_POST_DELETED',
    SHOW_RHS_PLUGIN: 'HOST_SHOW_RHS_PLUGIN',
    OPEN_THREAD: 'HOST_OPEN_THREAD',
    CLOSE_RHS: 'HOST_CLOSE_RHS',
} as const;

export type HostAction =
    | {type: typeof HostActions.RECEIVED_SESSION; user: UserProfile; team: Team; teams: Team[]; channels: Channel[]; config: Partial<ClientConfig>; currentChannelId: string}
    | {type: typeof HostActions.SELECT_CHANNEL; channelId: string}
    | {type: typeof HostActions.RECEIVED_CHANNEL; channel: Channel}
    | {type: typeof HostActions.RECEIVED_PROFILES; profiles: UserProfile[]}
    | {type: typeof HostActions.RECEIVED_POSTS; posts: Post[]}
    | {type: typeof HostActions.POST_DELETED; postId: string}
    | {type: typeof HostActions.SHOW_RHS_PLUGIN; pluggableId: string}
    | {type: typeof HostActions.OPEN_THREAD; rootId: string}
    | {type: typeof HostActions.CLOSE_RHS};

export type RhsView =
    | {kind: 'none'}
    | {kind: 'plugin'; pluggableId: string}
    | {kind: 'thread'; rootId: string};

export type HostState = {
    entities: {
        general: {config: Partial<ClientConfig>; license: Record<string, string>};
        users: {currentUserId: string; profiles: Record<string, UserProfile>};
        teams: {currentTeamId: string; teams: Record<string, Team>};
        channels: {currentChannelId: string; channels: Record<string, Channel>; channelsInTeam: Record<string, string[]>};
        posts: {posts: Record<string, Post>};
        preferences: {myPreferences: Record<string, never>};
    };
    views: {rhs: RhsView};
    [pluginKey: string]: unknown;
};

function asHost(action: UnknownAction): HostAction {
    return action as unknown as HostAction;
}

function byId<T extends {id: string}>(items: T[], into: Record<string, T> = {}): Record<string, T> {
    const out = {...into};
    for (const item of items) {
        out[item.id] = item;
    }
    return out;
}

const general: Reducer<HostState['entities']['general'], UnknownAction> = (state = {config: {}, license: {}}, action) => {
    const a = asHost(action);
    return a.type === HostActions.RECEIVED_SESSION ? {...state, config: a.config} : state;
};

const users: Reducer<HostState['entities']['users'], UnknownAction> = (state = {currentUserId: '', profiles: {}}, action) => {
    const a = asHost(action);
    switch (a.type) {
    case HostActions.RECEIVED_SESSION:
        return {currentUserId: a.user.id, profiles: byId([a.user], state.profiles)};
    case HostActions.RECEIVED_PROFILES:
        return {...state, profiles: byId(a.profiles, state.profiles)};
    }
    return state;
};

const teams: Reducer<HostState['entities']['teams'], UnknownAction> = (state = {currentTeamId: '', teams: {}}, action) => {
    const a = asHost(action);
    return a.type === HostActions.RECEIVED_SESSION ? {currentTeamId: a.team.id, teams: byId(a.teams, state.teams)} : state;
};

const channels: Reducer<HostState['entities']['channels'], UnknownAction> = (state = {currentChannelId: '', channels: {}, channelsInTeam: {}}, action) => {
    const a = asHost(action);
    switch (a.type) {
    case HostActions.RECEIVED_SESSION:
        return {
            currentChannelId: a.currentChannelId,
            channels: byId(a.channels, state.channels),
            channelsInTeam: {...state.channelsInTeam, [a.team.id]: a.channels.map((c) => c.id)},
        };
    case HostActions.RECEIVED_CHANNEL: {
        const inTeam = state.channelsInTeam[a.channel.team_id] ?? [];
        return {
            ...state,
            channels: byId([a.channel], state.channels),
            channelsInTeam: inTeam.includes(a.channel.id) ? state.channelsInTeam : {...state.channelsInTeam, [a.channel.team_id]: [...inTeam, a.channel.id]},
        };
    }
    case HostActions.SELECT_CHANNEL:
        return {...state, currentChannelId: a.channelId};
    }
    return state;
};

const posts: Reducer<HostState['entities']['posts'], UnknownAction> = (state = {posts: {}}, action) => {
    const a = asHost(action);
    switch (a.type) {
    case HostActions.RECEIVED_POSTS:
        return {posts: byId(a.posts, state.posts)};
    case HostActions.POST_DELETED: {
        const next = {...state.posts};
        delete next[a.postId];
        return {posts: next};
    }
    }
    return state;
};

const preferences: Reducer<HostState['entities']['preferences'], UnknownAction> = (state = {myPreferences: {}}) => state;

const rhs: Reducer<RhsView, UnknownAction> = (state = {kind: 'none'}, action) => {
    const a = asHost(action);
    switch (a.type) {
    case HostActions.SHOW_RHS_PLUGIN:
        return {kind: 'plugin', pluggableId: a.pluggableId};
    case HostActions.OPEN_THREAD:
        return {kind: 'thread', rootId: a.rootId};
    case HostActions.CLOSE_RHS:
        return {kind: 'none'};
    }
    return state;
};

const hostReducers = {
    entities: combineReducers({general, users, teams, channels, posts, preferences}),
    views: combineReducers({rhs}),
};

// Plugins hand the host thunks (the sidebar's hide and toggle actions are thunks in
// the web client too), so the store runs functions like redux-thunk does.
const thunk: Middleware = (api) => (next) => (action) => {
    if (typeof action === 'function') {
        return action(api.dispatch, api.getState);
    }
    return next(action);
};

export type HostStore = Store<HostState> & {

    /** Mounts a plugin's reducer under `plugins-<pluginId>`. */
    addPluginReducer(pluginId: string, reducer: Reducer): void;
};

export function createHostStore(): HostStore {
    const pluginReducers: Record<string, Reducer> = {};
    const build = () => combineReducers({...hostReducers, ...pluginReducers}) as unknown as Reducer<HostState>;
    const store = createStore(build(), applyMiddleware(thunk)) as unknown as HostStore;
    store.addPluginReducer = (pluginId, reducer) => {
        pluginReducers[`plugins-${pluginId}`] = reducer;
        store.replaceReducer(build());
    };
    return store;
}

// Selectors the host UI uses.
export const getCurrentChannelId = (state: HostState) => state.entities.channels.currentChannelId;
export const getCurrentTeamId = (state: HostState) => state.entities.teams.currentTeamId;
export const getCurrentUserId = (state: HostState) => state.entities.users.currentUserId;
