// Signing in to the real server and loading what the web client would have in its
// store before plugins run: the user, the team, its channels and the config.
import {Client4} from '@mattermost/client';
import type {Channel} from '@mattermost/types/channels';
import type {Post, PostList} from '@mattermost/types/posts';
import type {Team} from '@mattermost/types/teams';
import type {UserProfile} from '@mattermost/types/users';

import {basename} from './routes';
import {HostActions} from './store';
import type {HostState, HostStore} from './store';

const tokenKey = 'channel-todo-host.token';

export type Session = {
    client: Client4;
    token: string;
    user: UserProfile;
};

/** The page's API client: same origin (the host server proxies /api), under the subpath. */
export function newClient(token?: string): Client4 {
    const client = new Client4();
    client.setUrl(`${window.location.origin}${basename()}`);
    client.setIncludeCookies(true);
    if (token) {
        client.setToken(token);
    }
    return client;
}

/** A token handed over in `?token=`, or the one this tab signed in with before. */
export function savedToken(): string | null {
    return new URLSearchParams(window.location.search).get('token') || window.sessionStorage.getItem(tokenKey);
}

// The web client's session lives in cookies, and plugins' own fetch calls rely on
// them. A password sign-in gets them from the server (MMAUTHTOKEN, MMUSERID and
// MMCSRF, through the proxy); a token handed over in the URL is turned into the
// first two here. The session's CSRF token cannot be learned from a bare token, so
// on that path a plugin's cookie-authenticated POST passes Mattermost's check only
// through its X-Requested-With fallback: sign in with a password to test CSRF.
function setSessionCookies(token: string, userId: string): void {
    document.cookie = `MMAUTHTOKEN=${encodeURIComponent(token)}; path=/; SameSite=Lax`;
    document.cookie = `MMUSERID=${encodeURIComponent(userId)}; path=/; SameSite=Lax`;
}

// The server sets its cookies at path / (its site URL has no subpath here); the host's
// proxy passes them through unchanged.

export async function sessionFromToken(token: string): Promise<Session> {
    const client = newClient(token);
    const user = await client.getMe();
    setSessionCookies(token, user.id);
    window.sessionStorage.setItem(tokenKey, token);
    return {client, token, user};
}

/**
 * The session the browser already holds in its cookies (a pop-out window opened on
 * its own, or a reload), as the client finds it: the server answers /users/me.
 */
export async function sessionFromCookies(): Promise<Session> {
    // Like the client, ask only when the user id cookie says a session may be there.
    if (!document.cookie.split('; ').some((c) => c.startsWith('MMUSERID='))) {
        throw new Error('not signed in');
    }
    const client = newClient();
    const user = await client.getMe();
    return {client, token: '', user};
}

export async function sessionFromLogin(loginId: string, password: string): Promise<Session> {
    const client = newClient();
    const user = await client.login(loginId, password);
    const token = client.getToken();
    if (!token) {
        throw new Error('the server signed in but sent no session token');
    }
    window.sessionStorage.setItem(tokenKey, token);
    return {client, token, user};
}

export function forgetSession(): void {
    window.sessionStorage.removeItem(tokenKey);
    document.cookie = 'MMAUTHTOKEN=; path=/; max-age=0';
    document.cookie = 'MMUSERID=; path=/; max-age=0';
    document.cookie = 'MMCSRF=; path=/; max-age=0';
}

function channelOrder(a: Channel, b: Channel): number {
    return a.display_name.localeCompare(b.display_name);
}

/**
 * Fills the store with what the client has before plugins run: the user (whose
 * language setting is the page's locale), the teams and the client config.
 */
export async function loadSession({client, user}: Session, store: HostStore): Promise<Team[]> {
    const [teams, config] = await Promise.all([client.getMyTeams(), client.getClientConfig()]);
    if (teams.length === 0) {
        throw new Error(`${user.username} is not a member of any team`);
    }
    store.dispatch({type: HostActions.RECEIVED_SESSION, user, teams, config});
    return teams;
}

/**
 * Loads a team's channels (its own, the user's DMs and GMs) and memberships, and makes
 * `channelName` current (Town Square, else the first, when there is no such channel).
 * DMs and GMs are stored as the client stores them; the people in them are loaded so
 * the host can name them.
 */
export async function loadTeam(client: Client4, store: HostStore, team: Team, channelName?: string): Promise<Channel | undefined> {
    // Every team's channels, not only this one's: the client keeps them all in its
    // store too (for the team sidebar's unread marks and cross-team links).
    const [all, members] = await Promise.all([client.getAllTeamsChannels(), client.getMyChannelMembers(team.id)]);
    const open = (all as Channel[]).filter((c) => c.delete_at === 0);
    const teamChannels = open.filter((c) => c.type === 'O' || c.type === 'P').sort(channelOrder);
    const direct = open.filter((c) => c.type === 'D' || c.type === 'G');
    await loadDirectMembers(client, store, direct);
    const wanted = channelName ?? 'town-square';
    const inTeam = open.filter((c) => c.team_id === team.id || c.team_id === '');
    const current = inTeam.find((c) => c.name === wanted) ?? inTeam.find((c) => c.name === 'town-square') ?? inTeam[0];
    store.dispatch({type: HostActions.RECEIVED_TEAM, team, channels: [...teamChannels, ...direct], members, currentChannelId: current?.id ?? ''});
    return current;
}

async function loadDirectMembers(client: Client4, store: HostStore, direct: Channel[]): Promise<void> {
    const dmUsers = direct.filter((c) => c.type === 'D').flatMap((c) => c.name.split('__'));
    await loadProfiles(client, store, dmUsers);
    const groups = direct.filter((c) => c.type === 'G');
    if (groups.length > 0) {
        const byChannel = await client.getProfilesInGroupChannels(groups.map((c) => c.id));
        store.dispatch({type: HostActions.RECEIVED_GROUP_MEMBERS, members: Object.fromEntries(Object.entries(byChannel).map(([id, users]) => [id, users.map((u) => u.id)]))});
        store.dispatch({type: HostActions.RECEIVED_PROFILES, profiles: Object.values(byChannel).flat()});
    }
}

/**
 * A channel's name as the client shows it: its display name, for a DM the other
 * person, for a GM its members (by username: the default "Teammate name display").
 */
export function channelLabel(channel: Channel, state: HostState): string {
    const {profiles, currentUserId} = state.entities.users;
    const name = (id: string) => profiles[id]?.username ?? id;
    if (channel.type === 'D') {
        const [a, b] = channel.name.split('__');
        return name(a === currentUserId ? b : a);
    }
    if (channel.type === 'G') {
        const ids = [...(state.entities.users.profilesInChannel[channel.id] ?? [])];
        return ids.filter((id) => id !== currentUserId).map(name).sort().join(', ') || channel.display_name;
    }
    return channel.display_name;
}

function postsOf(list: PostList): Post[] {
    return list.order.map((id) => list.posts[id]).filter(Boolean);
}

/** Loads profiles the store lacks for these users. */
export async function loadProfiles(client: Client4, store: HostStore, userIds: string[]): Promise<void> {
    const known = store.getState().entities.users.profiles;
    const missing = [...new Set(userIds)].filter((id) => id && !known[id]);
    if (missing.length > 0) {
        store.dispatch({type: HostActions.RECEIVED_PROFILES, profiles: await client.getProfilesByIds(missing)});
    }
}

export async function loadChannelPosts(client: Client4, store: HostStore, channelId: string): Promise<void> {
    const posts = postsOf(await client.getPosts(channelId, 0, 60));
    store.dispatch({type: HostActions.RECEIVED_POSTS, posts});
    await loadProfiles(client, store, posts.map((p) => p.user_id));
}

export async function loadThread(client: Client4, store: HostStore, rootId: string): Promise<void> {
    const posts = postsOf(await client.getPostThread(rootId, false));
    store.dispatch({type: HostActions.RECEIVED_POSTS, posts});
    await loadProfiles(client, store, posts.map((p) => p.user_id));
}
