import type {Channel} from '@mattermost/types/channels';
import type {Post} from '@mattermost/types/posts';
import type {GlobalState} from '@mattermost/types/store';
import type {UserProfile} from '@mattermost/types/users';

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

/** A todo thread's reply count as last announced, undefined when none was since reading. */
export function getReplyCount(state: State, todoId: string): number | undefined {
    return getPluginState(state).replies?.[todoId];
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

/** The current user's language setting ('en' when it is not known yet). */
export function getUserLocale(state: GlobalState): string {
    const users = state.entities.users;
    return users.profiles?.[users.currentUserId]?.locale || 'en';
}

export function getPost(state: GlobalState, postId: string): Post | undefined {
    return state.entities.posts.posts[postId];
}

// How the web client names people: the "Teammate name display" setting (Settings → Display:
// username, nickname_full_name or full_name), or the server's default when the user has none
// or the admin locked it.
const nameFormatPreference = 'display_settings--name_format';

export function getTeammateNameDisplay(state: GlobalState): string {
    const config = state.entities.general?.config ?? {};
    const license = state.entities.general?.license ?? {};
    const locked = config.LockTeammateNameDisplay === 'true' && (license as Record<string, string>).LockTeammateNameDisplay === 'true';
    const preference = state.entities.preferences?.myPreferences?.[nameFormatPreference]?.value;
    if (preference && !locked) {
        return preference;
    }
    return config.TeammateNameDisplay || 'username';
}

/** A person's name as the web client shows it under the given setting. */
export function displayName(user: UserProfile, setting: string): string {
    const full = [user.first_name, user.last_name].filter(Boolean).join(' ');
    let name = user.username;
    if (setting === 'nickname_full_name') {
        name = user.nickname || full;
    } else if (setting === 'full_name') {
        name = full;
    }
    return name.trim() ? name : user.username;
}

/** What a channel is called and where it is, as the web client names and links it. */
export type ChannelLabel = {

    /** '' when the store cannot tell (a direct message with a person not loaded). */
    name: string;

    /** The path inside the web client ('' when there is no team to put it under). */
    path: string;
};

/**
 * A channel's name and path. The store keeps direct messages with an empty display
 * name and direct and group messages without a team: the web client names a direct
 * message after the other person and a group message after its members, and opens both
 * under the current team.
 */
export function getChannelLabel(state: GlobalState, channel: Channel): ChannelLabel {
    const {teams} = state.entities;
    const team = teams.teams[channel.team_id || teams.currentTeamId];
    const under = (rest: string) => (team ? `/${team.name}${rest}` : '');
    const me = getCurrentUserId(state);
    const profiles = state.entities.users.profiles ?? {};
    const setting = getTeammateNameDisplay(state);

    if (channel.type === 'D') {
        // A direct message's name is the two user ids; with oneself, both are one's own.
        const ids = channel.name.split('__');
        const other = profiles[ids.find((id) => id !== me) ?? me];
        return {
            name: other ? displayName(other, setting) : channel.display_name,
            path: other ? under(`/messages/@${other.username}`) : '',
        };
    }
    if (channel.type === 'G') {
        const members = [...(state.entities.users.profilesInChannel?.[channel.id] ?? [])].
            filter((id) => id !== me).
            map((id) => profiles[id]).
            filter((user): user is UserProfile => Boolean(user));
        const names = members.map((user) => displayName(user, setting)).sort((a, b) => a.localeCompare(b));
        return {name: names.length > 0 ? names.join(', ') : channel.display_name, path: under(`/messages/${channel.name}`)};
    }
    return {name: channel.display_name, path: under(`/channels/${channel.name}`)};
}
