// Signing in to the real server and loading what the web client would have in its
// store before plugins run: the user, the team, its channels and the config.
import {Client4} from '@mattermost/client';
import type {Channel} from '@mattermost/types/channels';
import type {Post, PostList} from '@mattermost/types/posts';
import type {UserProfile} from '@mattermost/types/users';

import {HostActions} from './store';
import type {HostStore} from './store';

const tokenKey = 'channel-todo-host.token';

export type Session = {
    client: Client4;
    token: string;
    user: UserProfile;
};

/** The page's API client: same origin, since the host server proxies /api. */
export function newClient(token?: string): Client4 {
    const client = new Client4();
    client.setUrl(window.location.origin);
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

export async function sessionFromToken(token: string): Promise<Session> {
    const client = newClient(token);
    const user = await client.getMe();
    setSessionCookies(token, user.id);
    window.sessionStorage.setItem(tokenKey, token);
    return {client, token, user};
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
 * Fills the store with the signed-in user's team (`?team=name`, else the first) and
 * its public and private channels; the current channel is `?channel=name`, else
 * Town Square, else the first.
 */
export async function loadWorkspace({client, user}: Session, store: HostStore): Promise<void> {
    const params = new URLSearchParams(window.location.search);
    const [teams, config] = await Promise.all([client.getMyTeams(), client.getClientConfig()]);
    if (teams.length === 0) {
        throw new Error(`${user.username} is not a member of any team`);
    }
    const team = teams.find((t) => t.name === params.get('team')) ?? teams[0];
    const channels = (await client.getMyChannels(team.id)).
        filter((c) => (c.type === 'O' || c.type === 'P') && c.delete_at === 0).
        map((c) => c as Channel).
        sort(channelOrder);
    const wanted = params.get('channel') ?? 'town-square';
    const current = channels.find((c) => c.name === wanted) ?? channels[0];
    store.dispatch({
        type: HostActions.RECEIVED_SESSION,
        user,
        team,
        teams,
        channels,
        config,
        currentChannelId: current?.id ?? '',
    });
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
