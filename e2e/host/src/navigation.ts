// Following the address: the page's team and channel come from the route, as in the
// web client, and plugins move between them with WebappUtils.browserHistory.
import type {Client4} from '@mattermost/client';
import type {Channel} from '@mattermost/types/channels';
import type {Team} from '@mattermost/types/teams';

import {browserHistory, channelPath, parseRoute} from './routes';
import type {Route} from './routes';
import {loadTeam} from './session';
import {HostActions} from './store';
import type {HostState, HostStore} from './store';

function teamByName(state: HostState, name: string): Team | undefined {
    return Object.values(state.entities.teams.teams).find((t) => t.name === name);
}

function firstTeam(state: HostState): Team {
    const teams = Object.values(state.entities.teams.teams).sort((a, b) => a.display_name.localeCompare(b.display_name));
    return teams[0];
}

function channelByName(state: HostState, teamId: string, name: string): Channel | undefined {
    return Object.values(state.entities.channels.channels).find((c) => c.name === name && (c.team_id === teamId || c.team_id === ''));
}

/** Makes `channel` of `team` current, loading the team when it is not the current one. */
async function show(client: Client4, store: HostStore, team: Team, channelName: string): Promise<void> {
    const state = store.getState();
    if (state.entities.teams.currentTeamId !== team.id) {
        await loadTeam(client, store, team, channelName);
        return;
    }
    let channel = channelByName(state, team.id, channelName);
    if (!channel) {
        channel = await client.getChannelByName(team.id, channelName);
        store.dispatch({type: HostActions.RECEIVED_CHANNEL, channel});
    }
    store.dispatch({type: HostActions.SELECT_CHANNEL, channelId: channel.id});
}

/** Brings the page to a route: team, channel, a DM, or a permalinked post (highlighted). */
export async function followRoute(client: Client4, store: HostStore, route: Route): Promise<void> {
    const state = store.getState();
    switch (route.kind) {
    case 'channel':
    case 'popout': {
        const team = teamByName(state, route.team) ?? firstTeam(state);
        await show(client, store, team, route.channel);
        return;
    }
    case 'direct': {
        const team = teamByName(state, route.team) ?? firstTeam(state);
        const other = await client.getUserByUsername(route.username);
        const dm = await client.createDirectChannel([state.entities.users.currentUserId, other.id]);
        await show(client, store, team, dm.name);
        return;
    }
    case 'permalink': {
        const post = await client.getPost(route.postId);
        const channel = await client.getChannel(post.channel_id);
        const team = channel.team_id ? Object.values(state.entities.teams.teams).find((t) => t.id === channel.team_id) : teamByName(state, route.team);
        await show(client, store, team ?? firstTeam(state), channel.name);
        store.dispatch({type: HostActions.HIGHLIGHT_POST, postId: post.id});
        return;
    }
    case 'home': {
        const team = firstTeam(state);
        const current = await loadTeam(client, store, team);
        browserHistory.replace(channelPath(team.name, current?.name ?? 'town-square'));
    }
    }
}

/** The route of the page's address now. */
export function currentRoute(): Route {
    return parseRoute(browserHistory.location.pathname);
}

/** Goes to a channel by changing the address, as a click in the client's sidebar does. */
export function goToChannel(state: HostState, channelId: string): void {
    const channel = state.entities.channels.channels[channelId];
    const team = state.entities.teams.teams[state.entities.teams.currentTeamId];
    if (channel && team) {
        browserHistory.push(channelPath(team.name, channel.name));
    }
}
