// The host's Redux store: the slice of Mattermost's state shape that plugins read
// (entities.users/teams/channels/posts/general, views.rhs), plus whatever reducers
// plugins register, mounted under `plugins-<id>` as the web client does.
import {applyMiddleware, combineReducers, legacy_createStore as createStore} from 'redux';
import type {Middleware, Reducer, Store, UnknownAction} from 'redux';

import type {Channel, ChannelMembership} from '@mattermost/types/channels';
import type {ClientConfig} from '@mattermost/types/config';
import type {Post} from '@mattermost/types/posts';
import type {Team} from '@mattermost/types/teams';
import type {UserProfile} from '@mattermost/types/users';

export const HostActions = {
    RECEIVED_SESSION: 'HOST_RECEIVED_SESSION',
    RECEIVED_TEAM: 'HOST_RECEIVED_TEAM',
    RECEIVED_CONFIG: 'HOST_RECEIVED_CONFIG',
    CHANNEL_UNREAD: 'HOST_CHANNEL_UNREAD',
    RECEIVED_GROUP_MEMBERS: 'HOST_RECEIVED_GROUP_MEMBERS',
    HIGHLIGHT_POST: 'HOST_HIGHLIGHT_POST',
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
    | {type: typeof HostActions.RECEIVED_SESSION; user: UserProfile; teams: Team[]; config: Partial<ClientConfig>}
    | {type: typeof HostActions.RECEIVED_TEAM; team: Team; channels: Channel[]; members: ChannelMembership[]; currentChannelId: string}
    | {type: typeof HostActions.RECEIVED_CONFIG; config: Partial<ClientConfig>}
    | {type: typeof HostActions.CHANNEL_UNREAD; channelId: string}
    | {type: typeof HostActions.RECEIVED_GROUP_MEMBERS; members: Record<string, string[]>}
    | {type: typeof HostActions.HIGHLIGHT_POST; postId: string}
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
        users: {
            currentUserId: string;
            profiles: Record<string, UserProfile>;

            /** Who is in a channel, as mattermost-redux keeps it (Sets); the host fills it for GMs. */
            profilesInChannel: Record<string, Set<string>>;
        };
        teams: {currentTeamId: string; teams: Record<string, Team>};
        channels: {
            currentChannelId: string;

            /** As the client keeps them: DMs with display_name '', DMs and GMs with team_id ''. */
            channels: Record<string, Channel>;
            channelsInTeam: Record<string, string[]>;
            myMembers: Record<string, ChannelMembership>;

            /** Channels with posts the user has not seen (the host's simple stand-in for unread counts). */
            unread: Record<string, true>;
        };
        posts: {posts: Record<string, Post>};
        preferences: {myPreferences: Record<string, never>};
    };
    views: {rhs: RhsView; highlightedPostId: string};
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
    return a.type === HostActions.RECEIVED_SESSION || a.type === HostActions.RECEIVED_CONFIG ? {...state, config: a.config} : state;
};

const users: Reducer<HostState['entities']['users'], UnknownAction> = (state = {currentUserId: '', profiles: {}, profilesInChannel: {}}, action) => {
    const a = asHost(action);
    switch (a.type) {
    case HostActions.RECEIVED_SESSION:
        return {...state, currentUserId: a.user.id, profiles: byId([a.user], state.profiles)};
    case HostActions.RECEIVED_GROUP_MEMBERS: {
        const profilesInChannel = {...state.profilesInChannel};
        for (const [channelId, ids] of Object.entries(a.members)) {
            profilesInChannel[channelId] = new Set(ids);
        }
        return {...state, profilesInChannel};
    }
    case HostActions.RECEIVED_PROFILES:
        return {...state, profiles: byId(a.profiles, state.profiles)};
    }
    return state;
};

const teams: Reducer<HostState['entities']['teams'], UnknownAction> = (state = {currentTeamId: '', teams: {}}, action) => {
    const a = asHost(action);
    switch (a.type) {
    case HostActions.RECEIVED_SESSION:
        return {...state, teams: byId(a.teams, state.teams)};
    case HostActions.RECEIVED_TEAM:
        return {currentTeamId: a.team.id, teams: byId([a.team], state.teams)};
    }
    return state;
};

const noChannels: HostState['entities']['channels'] = {currentChannelId: '', channels: {}, channelsInTeam: {}, myMembers: {}, unread: {}};

/** A channel as the client's store keeps it (see the facts: DMs and GMs carry no team or DM name). */
export function asStored(channel: Channel): Channel {
    if (channel.type === 'D') {
        return {...channel, display_name: '', team_id: ''};
    }
    if (channel.type === 'G') {
        return {...channel, team_id: ''};
    }
    return channel;
}

const channels: Reducer<HostState['entities']['channels'], UnknownAction> = (state = noChannels, action) => {
    const a = asHost(action);
    switch (a.type) {
    case HostActions.RECEIVED_TEAM: {
        const unread = {...state.unread};
        const members = byChannel(a.members, state.myMembers);
        for (const c of a.channels) {
            const m = members[c.id];
            if (m && c.id !== a.currentChannelId && m.msg_count < ((c as Channel & {total_msg_count?: number}).total_msg_count ?? 0)) {
                unread[c.id] = true;
            }
        }
        delete unread[a.currentChannelId];
        const stored = a.channels.map(asStored);
        return {
            ...state,
            currentChannelId: a.currentChannelId,
            channels: byId(stored, state.channels),
            channelsInTeam: {...state.channelsInTeam, ...groupByTeam(stored)},
            myMembers: members,
            unread,
        };
    }
    case HostActions.RECEIVED_CHANNEL: {
        const channel = asStored(a.channel);
        const inTeam = state.channelsInTeam[channel.team_id] ?? [];
        return {
            ...state,
            channels: byId([channel], state.channels),
            channelsInTeam: inTeam.includes(channel.id) ? state.channelsInTeam : {...state.channelsInTeam, [channel.team_id]: [...inTeam, channel.id]},
        };
    }
    case HostActions.SELECT_CHANNEL: {
        const unread = {...state.unread};
        delete unread[a.channelId];
        return {...state, currentChannelId: a.channelId, unread};
    }
    case HostActions.CHANNEL_UNREAD:
        return a.channelId === state.currentChannelId || state.unread[a.channelId] ? state : {...state, unread: {...state.unread, [a.channelId]: true}};
    }
    return state;
};

function groupByTeam(list: Channel[]): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const c of list) {
        (out[c.team_id] ??= []).push(c.id);
    }
    return out;
}

function byChannel(members: ChannelMembership[], into: Record<string, ChannelMembership>): Record<string, ChannelMembership> {
    const out = {...into};
    for (const m of members) {
        out[m.channel_id] = m;
    }
    return out;
}

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

const highlightedPostId: Reducer<string, UnknownAction> = (state = '', action) => {
    const a = asHost(action);
    switch (a.type) {
    case HostActions.HIGHLIGHT_POST:
        return a.postId;
    case HostActions.SELECT_CHANNEL:
        return '';
    }
    return state;
};

const hostReducers = {
    entities: combineReducers({general, users, teams, channels, posts, preferences}),
    views: combineReducers({rhs, highlightedPostId}),
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
